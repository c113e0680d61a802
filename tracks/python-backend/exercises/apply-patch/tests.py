import pytest

from solution import apply_patch

APP = "".join(f"line {n}\n" for n in range(1, 13))


def check(original, patch, expected):
    got = apply_patch(original, patch)
    assert got == expected, f"apply_patch({original!r}, {patch!r})\n should give {expected!r}\n gave        {got!r}"


def check_error(original, patch):
    try:
        got = apply_patch(original, patch)
    except ValueError:
        return
    raise AssertionError(f"apply_patch({original!r}, {patch!r}) should raise ValueError, returned {got!r}")


def test_readme_example():
    original = "import os\n\nDEBUG = True\nPORT = 8000\n"
    patch = (
        "--- a/settings.py\n+++ b/settings.py\n@@ -3,2 +3,3 @@ import os\n"
        '-DEBUG = True\n+DEBUG = os.environ.get("DEBUG") == "1"\n PORT = 8000\n+HOST = "0.0.0.0"\n'
    )
    check(original, patch, 'import os\n\nDEBUG = os.environ.get("DEBUG") == "1"\nPORT = 8000\nHOST = "0.0.0.0"\n')


def test_two_hunks_use_original_line_numbers():
    patch = (
        "diff --git a/app.py b/app.py\n"
        "@@ -2,2 +2,4 @@\n line 2\n+new a\n+new b\n line 3\n"
        "@@ -9,3 +11,2 @@ def handler():\n line 9\n-line 10\n line 11\n"
    )
    expected = APP.replace("line 2\n", "line 2\nnew a\nnew b\n").replace("line 10\n", "")
    check(APP, patch, expected)


def test_insert_only_hunk_goes_after_its_line():
    check(APP, "@@ -4,0 +5,1 @@\n+after four\n", APP.replace("line 4\n", "line 4\nafter four\n"))
    check("x\ny\n", "@@ -0,0 +1,2 @@\n+top 1\n+top 2\n", "top 1\ntop 2\nx\ny\n")
    check("x\ny\n", "@@ -2,0 +3 @@\n+end\n", "x\ny\nend\n")


def test_missing_count_means_one():
    check("a\nb\nc\n", "@@ -2 +2 @@\n-b\n+B\n", "a\nB\nc\n")


def test_delete_everything_and_create_from_nothing():
    check("a\nb\n", "@@ -1,2 +0,0 @@\n-a\n-b\n", "")
    check("", "--- /dev/null\n+++ b/new.py\n@@ -0,0 +1,2 @@\n+print(1)\n+print(2)\n", "print(1)\nprint(2)\n")


def test_lines_after_the_last_hunk_are_kept():
    check(APP, "@@ -1 +1 @@\n-line 1\n+LINE 1\n", APP.replace("line 1\n", "LINE 1\n", 1))


def test_lines_that_look_like_headers_inside_a_hunk():
    original = "x = 1\n-- sql comment\n++counter\n"
    patch = "@@ -1,3 +1,3 @@\n x = 1\n--- sql comment\n-++counter\n+++ counter\n+-- x\n"
    check(original, patch, "x = 1\n++ counter\n-- x\n")


def test_context_that_does_not_match_is_refused():
    check_error(APP, "@@ -3,2 +3,2 @@\n line 3\n-line 5\n+x\n")
    check_error(APP, "@@ -3,2 +3,3 @@\n line 3\n+x\n line 9\n")


def test_second_hunk_that_does_not_apply_is_named():
    patch = "@@ -1 +1 @@\n-line 1\n+one\n@@ -5 +5 @@\n-line 6\n+six\n"
    with pytest.raises(ValueError) as error:
        apply_patch(APP, patch)
    assert "hunk 2" in str(error.value), f"the error should name hunk 2, got {str(error.value)!r}"


def test_hunk_past_the_end_or_overlapping_is_refused():
    check_error("a\nb\n", "@@ -2,2 +2,2 @@\n b\n-c\n+d\n")
    check_error("a\nb\n", "@@ -5,0 +6 @@\n+z\n")
    check_error(APP, "@@ -3,2 +3,2 @@\n line 3\n-line 4\n+x\n@@ -4 +4 @@\n-line 4\n+y\n")


def test_counts_that_do_not_add_up_are_refused():
    check_error(APP, "@@ -1,3 +1,3 @@\n line 1\n-line 2\n+two\n")
    check_error(APP, "@@ -1,1 +1,2 @@\n line 1\n line 2\n")
    check_error(APP, "@@ -1 +1 @@\n-line 1\n+one\n+extra\n")


def test_malformed_patches_are_refused():
    check_error(APP, "@@ -1 +1\n-line 1\n+one\n")
    check_error(APP, "@@ -1,2 +1,2 @@\n line 1\n\n")
    check_error(APP, "@@ -a,1 +1,1 @@\n-line 1\n+one\n")
    check_error(APP, "@@ -1,2 +1,2 @@\n line 1\n*line 2\n")
