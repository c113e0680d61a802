import pytest

from solution import resolve_conflicts

SETTINGS = (
    "DEBUG = False\n"
    "<<<<<<< HEAD\n"
    "ALLOWED_HOSTS = ['shop.example']\n"
    "=======\n"
    "ALLOWED_HOSTS = ['shop.example', 'api.shop.example']\n"
    "TIME_ZONE = 'UTC'\n"
    ">>>>>>> feature/api-host\n"
    "LANGUAGE_CODE = 'en'\n"
    "<<<<<<< HEAD\n"
    "CACHE_TTL = 60\n"
    "||||||| merged common ancestors\n"
    "CACHE_TTL = 30\n"
    "=======\n"
    ">>>>>>> feature/api-host\n"
)


def check(text, side, expected):
    got = resolve_conflicts(text, side)
    assert got == expected, f"resolve_conflicts({text!r}, {side!r})\n should be {expected!r}\n got       {got!r}"


def check_error(text, line):
    with pytest.raises(ValueError) as error:
        resolve_conflicts(text, "ours")
    assert str(error.value).startswith(f"line {line}:"), (
        f"resolve_conflicts({text!r}, 'ours') should raise an error starting 'line {line}:', got {str(error.value)!r}"
    )


def test_ours_keeps_head_and_drops_the_base():
    expected = "DEBUG = False\nALLOWED_HOSTS = ['shop.example']\nLANGUAGE_CODE = 'en'\nCACHE_TTL = 60\n"
    check(SETTINGS, "ours", expected)


def test_theirs_keeps_the_other_branch_even_when_empty():
    expected = (
        "DEBUG = False\nALLOWED_HOSTS = ['shop.example', 'api.shop.example']\n"
        "TIME_ZONE = 'UTC'\nLANGUAGE_CODE = 'en'\n"
    )
    check(SETTINGS, "theirs", expected)


def test_both_keeps_ours_then_theirs():
    expected = (
        "DEBUG = False\nALLOWED_HOSTS = ['shop.example']\n"
        "ALLOWED_HOSTS = ['shop.example', 'api.shop.example']\nTIME_ZONE = 'UTC'\n"
        "LANGUAGE_CODE = 'en'\nCACHE_TTL = 60\n"
    )
    check(SETTINGS, "both", expected)


def test_text_without_conflicts_is_unchanged():
    check("", "ours", "")
    check("one\ntwo", "theirs", "one\ntwo")


def test_rst_underlines_outside_a_block_are_text():
    text = "Install\n=======\n\n||||||| not a base\nRun it.\n"
    check(text, "ours", text)


def test_longer_runs_are_not_markers():
    text = "<<<<<<< a\nTitle\n========\n=======\n<<<<<<<<\n>>>>>>>> no\n>>>>>>>\n"
    check(text, "ours", "Title\n========\n")
    check(text, "theirs", "<<<<<<<<\n>>>>>>>> no\n")


def test_marker_with_label_needs_a_space():
    text = "<<<<<<< HEAD\nx\n=======\n>>>>>>>main\ny\n>>>>>>> main\n"
    check(text, "theirs", ">>>>>>>main\ny\n")


def test_windows_line_endings_and_no_final_newline_are_kept():
    text = "a\r\n<<<<<<< HEAD\r\nb\r\n=======\r\nc\r\n>>>>>>> dev\r\nd"
    check(text, "theirs", "a\r\nc\r\nd")
    check(text, "both", "a\r\nb\r\nc\r\nd")


def test_unclosed_block_names_the_line_that_opened_it():
    check_error("ok\nok\n<<<<<<< HEAD\nx\n=======\ny\n", 3)


def test_closing_marker_outside_a_block():
    check_error("a\nb\nc\n>>>>>>> main\n", 4)


def test_markers_out_of_order():
    check_error("<<<<<<< HEAD\nx\n>>>>>>> main\n", 3)
    check_error("<<<<<<< HEAD\nx\n<<<<<<< HEAD\n", 3)
    check_error("<<<<<<< HEAD\nx\n=======\ny\n=======\n>>>>>>> b\n", 5)
    check_error("a\n<<<<<<< HEAD\nx\n=======\n||||||| base\n>>>>>>> b\n", 5)


def test_error_after_a_good_block():
    check_error("<<<<<<< HEAD\nx\n=======\ny\n>>>>>>> b\nz\n<<<<<<< HEAD\n", 7)


@pytest.mark.parametrize("side", ["mine", "OURS", "", None])
def test_unknown_side_raises_value_error(side):
    with pytest.raises(ValueError):
        resolve_conflicts("a\n", side)
