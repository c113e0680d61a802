import pytest

from solution import safe_join

ROOT = "/srv/app/files"


@pytest.mark.parametrize(
    "user_path, expected",
    [
        ("report.pdf", "/srv/app/files/report.pdf"),
        ("invoices/2024/march.pdf", "/srv/app/files/invoices/2024/march.pdf"),
        ("invoices/2024/", "/srv/app/files/invoices/2024"),
        ("a//b///c", "/srv/app/files/a/b/c"),
        ("./a/./b/.", "/srv/app/files/a/b"),
    ],
)
def test_an_ordinary_path(user_path, expected):
    assert safe_join(ROOT, user_path) == expected


def test_a_root_with_a_slash_at_its_end():
    assert safe_join("/srv/app/files/", "a/b.txt") == "/srv/app/files/a/b.txt"
    assert safe_join("/data/", "x") == "/data/x"


@pytest.mark.parametrize(
    "user_path, expected",
    [
        ("invoices/old/../2024/march.pdf", "/srv/app/files/invoices/2024/march.pdf"),
        ("a/b/c/../../d", "/srv/app/files/a/d"),
        ("a/b/../../c", "/srv/app/files/c"),
    ],
)
def test_dot_dot_that_stays_inside_is_followed(user_path, expected):
    assert safe_join(ROOT, user_path) == expected


@pytest.mark.parametrize(
    "user_path, expected",
    [
        ("caf%C3%A9/menu.txt", "/srv/app/files/café/menu.txt"),
        ("my%20file.txt", "/srv/app/files/my file.txt"),
        ("a%2Fb.txt", "/srv/app/files/a/b.txt"),
        ("100%25.txt", "/srv/app/files/100%.txt"),
        ("%252e%252e/x", "/srv/app/files/%2e%2e/x"),
        ("c++/notes+todo.txt", "/srv/app/files/c++/notes+todo.txt"),
        ("a%2Bb.txt", "/srv/app/files/a+b.txt"),
    ],
    ids=["accents", "a space", "an encoded slash", "an encoded percent", "encoded twice", "plus signs", "an encoded plus"],
)
def test_the_percent_encoding_is_decoded_once(user_path, expected):
    assert safe_join(ROOT, user_path) == expected


@pytest.mark.parametrize(
    "user_path, expected",
    [("...", "/srv/app/files/..."), ("..../x", "/srv/app/files/..../x"), (" ../x", "/srv/app/files/ ../x"),
     ("..a/b..", "/srv/app/files/..a/b.."), ("....//....//etc/passwd", "/srv/app/files/..../..../etc/passwd")],
    ids=["three dots", "four dots", "space dot dot", "dots in names", "dots and double slashes"],
)
def test_segments_that_only_look_like_dot_dot_are_names(user_path, expected):
    assert safe_join(ROOT, user_path) == expected


@pytest.mark.parametrize(
    "user_path",
    [
        "../../../etc/passwd",
        "..",
        "../",
        "a/../../etc/passwd",
        "invoices/2024/../../../secrets.env",
        "../files/report.pdf",
        "../files-private/keys.pem",
    ],
    ids=["up three", "just dot dot", "dot dot slash", "down one up two", "deep then out",
         "out and back in", "a sibling whose name starts like the root"],
)
def test_a_path_that_leaves_the_root_is_refused(user_path):
    with pytest.raises(ValueError):
        safe_join(ROOT, user_path)


@pytest.mark.parametrize(
    "user_path",
    ["%2e%2e/%2e%2e/etc/passwd", "%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "..%2f..%2fetc/passwd", ".%2e/secret", "a/%2e%2e/%2e%2e/b"],
    ids=["encoded dots", "everything encoded in capitals", "encoded slashes", "half encoded", "after a name"],
)
def test_encoded_dot_dot_is_refused_too(user_path):
    with pytest.raises(ValueError):
        safe_join(ROOT, user_path)


@pytest.mark.parametrize(
    "user_path",
    ["/etc/passwd", "//etc/passwd", "%2fetc/passwd", "%2F"],
    ids=["absolute", "double slash", "encoded slash", "only an encoded slash"],
)
def test_an_absolute_path_is_refused(user_path):
    with pytest.raises(ValueError):
        safe_join(ROOT, user_path)


@pytest.mark.parametrize(
    "user_path",
    ["..\\..\\windows\\win.ini", "a\\b.txt", "..%5c..%5cetc", "C:\\Windows\\system.ini"],
    ids=["dot dot backslash", "a plain backslash", "an encoded backslash", "a drive"],
)
def test_a_backslash_is_refused(user_path):
    with pytest.raises(ValueError):
        safe_join(ROOT, user_path)


@pytest.mark.parametrize("user_path", ["report.pdf\x00.png", "report.pdf%00.png", "%00"], ids=["NUL", "encoded NUL", "only an encoded NUL"])
def test_a_nul_character_is_refused(user_path):
    with pytest.raises(ValueError):
        safe_join(ROOT, user_path)


@pytest.mark.parametrize("user_path", ["", ".", "./", "a/..", "a/b/../..", "//"], ids=["empty", "dot", "dot slash", "in and out", "two in and out", "slashes"])
def test_the_root_itself_is_refused(user_path):
    with pytest.raises(ValueError):
        safe_join(ROOT, user_path)


def test_another_root():
    assert safe_join("/home/ada/uploads", "2024/cat.png") == "/home/ada/uploads/2024/cat.png"
    with pytest.raises(ValueError):
        safe_join("/home/ada/uploads", "../.ssh/id_ed25519")
