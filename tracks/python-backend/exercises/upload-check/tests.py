import pytest

from solution import check_upload, safe_filename

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(40))
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(30)
GIF = b"GIF89a\x01\x00\x01\x00" + bytes(20)
GIF87 = b"GIF87a\x01\x00\x01\x00" + bytes(20)
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"
PHP = b"<?php system($_GET['c']); ?>"
HTML = b"<html><body><script>fetch('/api/me').then(r => r.text()).then(steal)</script></body></html>"


@pytest.mark.parametrize(
    "filename, data",
    [("avatar.png", PNG), ("me.jpg", JPEG), ("me.jpeg", JPEG), ("party.gif", GIF), ("old.gif", GIF87), ("invoice.pdf", PDF)],
)
def test_an_allowed_file_with_the_right_content_is_fine(filename, data):
    assert check_upload(filename, data) == []


@pytest.mark.parametrize("filename", ["AVATAR.PNG", "Me.JpG", "scan.PDF"])
def test_the_extension_may_be_in_any_case(filename):
    data = {"png": PNG, "jpg": JPEG, "pdf": PDF}[filename.rpartition(".")[2].lower()]
    assert check_upload(filename, data) == []


@pytest.mark.parametrize("filename", ["shell.php", "page.html", "drawing.svg", "setup.exe", "notes.txt", "README", "photo.", "archive.tar.gz"])
def test_other_extensions_are_refused(filename):
    assert check_upload(filename, PNG) == ["extension"]


def test_a_name_that_starts_with_a_dot_still_has_an_extension():
    # What follows the last dot, even when nothing comes before it (os.path.splitext says otherwise).
    assert check_upload(".png", PNG) == []
    assert check_upload("..pdf", HTML) == ["content"]
    assert check_upload(".htaccess", PNG) == ["extension"]


def test_only_the_last_extension_counts():
    assert check_upload("photo.png.php", PNG) == ["extension"]
    assert check_upload("photo.php.png", PNG) == []
    assert check_upload("photo.php.png", PHP) == ["content"]


@pytest.mark.parametrize(
    "filename, data",
    [("me.jpg", PNG), ("avatar.png", JPEG), ("invoice.pdf", HTML), ("party.gif", PHP), ("avatar.png", b"\x89PNG")],
    ids=["png named jpg", "jpeg named png", "html named pdf", "php named gif", "cut-off png signature"],
)
def test_content_that_does_not_match_its_extension_is_refused(filename, data):
    assert check_upload(filename, data) == ["content"]


def test_the_magic_bytes_must_be_at_the_very_start():
    assert check_upload("avatar.png", b" " + PNG) == ["content"]
    assert check_upload("invoice.pdf", HTML + PDF) == ["content"]


def test_an_empty_file_is_refused():
    assert check_upload("avatar.png", b"") == ["empty"]


def test_the_size_limit_is_included():
    data = PNG[:20]
    assert check_upload("avatar.png", data, max_bytes=20) == []
    assert check_upload("avatar.png", data + b"\x00", max_bytes=20) == ["too-large"]


def test_the_default_limit_is_5_000_000_bytes():
    # 5 MB is not 5 MiB (5,242,880 bytes). One call only: 5 MB takes a while to send.
    assert check_upload("scan.pdf", PDF + bytes(5_000_001 - len(PDF))) == ["too-large"]


def test_several_problems_come_in_order():
    assert check_upload("huge.exe", b"MZ" + bytes(100), max_bytes=10) == ["too-large", "extension"]
    assert check_upload("huge.gif", PHP, max_bytes=10) == ["too-large", "content"]
    assert check_upload("empty", b"") == ["empty", "extension"]


@pytest.mark.parametrize(
    "filename, expected",
    [
        ("avatar.png", "avatar.png"),
        ("holiday-2024_v2.jpeg", "holiday-2024_v2.jpeg"),
        ("../../etc/passwd", "passwd"),
        ("/var/www/app/config.py", "config.py"),
        ("..\\..\\windows\\win.ini", "win.ini"),
        ("C:\\Users\\ada\\My photo (1).png", "My_photo_1_.png"),
        ("uploads/2024\\05/report.pdf", "report.pdf"),
    ],
)
def test_only_the_last_part_of_a_path_is_kept(filename, expected):
    assert safe_filename(filename) == expected


@pytest.mark.parametrize(
    "filename, expected",
    [
        ("my  holiday   photo.png", "my_holiday_photo.png"),
        ("résumé.pdf", "r_sum_.pdf"),
        ("Zoë².png", "Zo_.png"),
        ("photo\x00.php.png", "photo_.php.png"),
        ("tab\there\nnewline.gif", "tab_here_newline.gif"),
        ("<img src=x onerror=alert(1)>.png", "img_src_x_onerror_alert_1_.png"),
        ("😀😀.jpg", "jpg"),
    ],
    ids=["spaces", "accents", "a superscript two", "a NUL byte", "a tab and a newline", "html", "emoji"],
)
def test_every_run_of_other_characters_becomes_one_underscore(filename, expected):
    assert safe_filename(filename) == expected


@pytest.mark.parametrize(
    "filename, expected",
    [(".htaccess", "htaccess"), ("photo.png.", "photo.png"), ("...png", "png"), ("__init__.py", "init__.py"), ("._.photo._.", "photo")],
    ids=["hidden file", "trailing dot", "dots in front", "underscores", "a mix"],
)
def test_dots_and_underscores_at_the_ends_are_removed(filename, expected):
    assert safe_filename(filename) == expected


@pytest.mark.parametrize("filename", ["", ".", "..", "....", "../..", "a/b/", "C:\\", "☃"])
def test_a_name_with_nothing_left_is_file(filename):
    assert safe_filename(filename) == "file"


@pytest.mark.parametrize(
    "filename, expected",
    [
        ("CON.png", "_CON.png"),
        ("con", "_con"),
        ("nul.tar.gz", "_nul.tar.gz"),
        ("Lpt9.txt", "_Lpt9.txt"),
        ("com1", "_com1"),
        ("aux.", "_aux"),
        ("..\\PRN.pdf", "_PRN.pdf"),
    ],
)
def test_names_windows_reserves_get_an_underscore_in_front(filename, expected):
    assert safe_filename(filename) == expected


@pytest.mark.parametrize("filename", ["conference.png", "COM10.txt", "lpt0.pdf", "console", "nullable.gif", "xcon.png"])
def test_names_that_only_look_reserved_stay(filename):
    assert safe_filename(filename) == filename


def test_a_long_name_keeps_its_extension():
    got = safe_filename("x" * 150 + ".jpeg")
    assert got == "x" * 95 + ".jpeg", f"safe_filename('x' * 150 + '.jpeg') returned {got!r} ({len(got)} characters)"


def test_a_long_name_without_a_dot_is_cut_to_100():
    got = safe_filename("y" * 250)
    assert got == "y" * 100, f"safe_filename('y' * 250) returned {got!r} ({len(got)} characters)"


def test_a_name_of_exactly_100_characters_stays():
    name = "z" * 96 + ".pdf"
    assert safe_filename(name) == name


def test_length_is_counted_after_cleaning():
    assert safe_filename("é" * 150 + ".png") == "png"
    assert safe_filename("dir/" * 50 + "a.png") == "a.png"
    spaced = "a" + " " * 100 + "b" * 50 + ".txt"
    assert safe_filename(spaced) == "a_" + "b" * 50 + ".txt", "a run of 100 spaces becomes one _ before the length is checked"


def test_the_underscore_put_in_front_counts_in_the_100():
    got = safe_filename("CON." + "a" * 100 + ".txt")
    assert got == "_CON." + "a" * 91 + ".txt", f"got {got!r} ({len(got)} characters)"
