import pytest

from solution import negotiate

JSON, HTML, CSV, TEXT = "application/json", "text/html", "text/csv", "text/plain"


def test_a_browser_gets_html():
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"
    assert negotiate(accept, [JSON, HTML]) == HTML


def test_an_api_client_gets_json():
    assert negotiate("application/json", [HTML, JSON]) == JSON


def test_the_weight_decides_not_the_order_in_the_header():
    assert negotiate("text/html;q=0.4, application/json;q=0.9", [HTML, JSON]) == JSON


def test_on_a_tie_the_server_order_decides():
    assert negotiate("text/html, application/json", [JSON, HTML]) == JSON
    assert negotiate("text/csv;q=0.5, text/html;q=0.5", [HTML, CSV]) == HTML


def test_a_type_wildcard():
    assert negotiate("text/*;q=0.5, application/json;q=0.2", [JSON, CSV]) == CSV


def test_the_most_specific_range_decides_even_with_a_lower_weight():
    assert negotiate("text/*, text/html;q=0.1", [HTML, TEXT]) == TEXT


def test_q_zero_on_a_specific_type_means_anything_but_that():
    assert negotiate("*/*, application/json;q=0", [JSON, HTML]) == HTML


def test_q_zero_alone_means_not_acceptable():
    assert negotiate("application/json;q=0", [JSON]) is None
    assert negotiate("application/json;q=0.000", [JSON]) is None


def test_nothing_acceptable_gives_none():
    assert negotiate("image/png, image/*;q=0.8", [JSON, HTML]) is None


def test_no_header_means_anything():
    assert negotiate(None, [CSV, JSON]) == CSV
    assert negotiate("", [JSON, CSV]) == JSON
    assert negotiate("   ", [HTML]) == HTML


def test_nothing_available():
    assert negotiate(None, []) is None
    assert negotiate("*/*", []) is None


def test_letter_case_does_not_matter_and_the_available_spelling_is_returned():
    assert negotiate("APPLICATION/JSON", ["Application/Json"]) == "Application/Json"
    assert negotiate("text/html;Q=0.2, Text/CSV;q=0.3", [HTML, CSV]) == CSV


def test_spaces_around_pieces():
    assert negotiate("  application/json ; q=0.5 ,  text/html;q=0.4  ", [HTML, JSON]) == JSON


def test_other_parameters_are_ignored():
    assert negotiate("text/html;level=1;q=0.7, application/json;charset=utf-8;q=0.6", [JSON, HTML]) == HTML


def test_the_highest_weight_of_equally_specific_ranges():
    assert negotiate("text/html;q=0.2, application/json;q=0.5, text/html;q=0.9", [JSON, HTML]) == HTML


def test_empty_pieces_and_broken_ranges_are_skipped():
    assert negotiate(",, json, */html, application/json;q=0.3,", [HTML, JSON]) == JSON


@pytest.mark.parametrize(
    "bad_q",
    ["abc", "2", "-1", ".5", "0.1234", "1.5", "1.001", "٠.٥", "0.٥", "1e-1", "", "nan"],
    ids=["word", "two", "negative", "no leading zero", "four decimals", "one and a half", "just over one",
         "arabic-indic digits", "mixed digits", "exponent", "empty", "nan"],
)
def test_a_range_with_an_invalid_weight_is_ignored(bad_q):
    # The JSON range is ignored, so only HTML is acceptable.
    assert negotiate(f"application/json;q={bad_q}, text/html;q=0.1", [JSON, HTML]) == HTML


@pytest.mark.parametrize("good_q, expected", [("1", JSON), ("1.000", JSON), ("0.125", JSON), ("0.1", JSON), ("0.05", HTML)])
def test_valid_weights(good_q, expected):
    # JSON comes first in available, so it wins ties.
    assert negotiate(f"application/json;q={good_q}, text/html;q=0.1", [JSON, HTML]) == expected
