import pytest

from solution import split_path


def test_plain_segments():
    assert split_path("/users/42/posts") == ["users", "42", "posts"]


def test_root_has_no_segments():
    assert split_path("/") == []


def test_empty_segments_are_dropped():
    assert split_path("//a///b/") == ["a", "b"]


def test_percent_escapes_are_decoded_as_utf8():
    assert split_path("/tags/caf%C3%A9/%F0%9F%90%8D") == ["tags", "café", "🐍"]


def test_lower_case_hex_digits_work_too():
    assert split_path("/a%2fb/%c3%a9") == ["a/b", "é"]


def test_an_encoded_slash_stays_inside_its_segment():
    assert split_path("/files/My%20Report%2FDraft.pdf") == ["files", "My Report/Draft.pdf"]


def test_plus_is_not_a_space_in_a_path():
    assert split_path("/langs/c++/a+b%2B") == ["langs", "c++", "a+b+"]


def test_characters_that_were_not_encoded_stay_as_they_are():
    assert split_path("/städte/Zürich") == ["städte", "Zürich"]


def test_an_encoded_percent_sign():
    assert split_path("/discounts/100%25") == ["discounts", "100%"]


def test_dot_segments_are_dropped():
    assert split_path("/a/./b/.") == ["a", "b"]
    assert split_path("/a/%2E/b") == ["a", "b"]


def test_dots_inside_a_name_are_fine():
    assert split_path("/files/.env.example/...") == ["files", ".env.example", "..."]


@pytest.mark.parametrize("path", ["/a/../etc", "/..", "/a/%2e%2e/etc/passwd", "/a/.%2E/b", "/a/%2E%2E"])
def test_dot_dot_is_refused_however_it_is_written(path):
    with pytest.raises(ValueError):
        split_path(path)


@pytest.mark.parametrize(
    "path",
    ["/discount/100%", "/a/%2", "/a/%zz", "/a/%G1", "/a/%%41", "/a/%٣٣", "/a/%²F", "/a/% 1"],
    ids=["percent at the end", "one digit", "not hex", "G is not hex", "double percent",
         "arabic-indic digits", "superscript two", "space"],
)
def test_a_broken_escape_is_refused(path):
    with pytest.raises(ValueError):
        split_path(path)


@pytest.mark.parametrize("path", ["/caf%E9", "/%C3", "/%FF%FE"])
def test_bytes_that_are_not_utf8_are_refused(path):
    with pytest.raises(ValueError):
        split_path(path)


@pytest.mark.parametrize("path", ["", "users/42", "%2Fusers"])
def test_a_path_must_start_with_a_slash(path):
    with pytest.raises(ValueError):
        split_path(path)
