import pytest

from solution import mask_card


def test_a_card_number_in_groups_of_four():
    assert mask_card("4111 1111 1111 1234") == "**** **** **** 1234"


def test_dashes_stay_where_they_are():
    assert mask_card("5500-0000-0000-0004") == "****-****-****-0004"


def test_a_number_without_separators():
    assert mask_card("4111111111111234") == "************1234"


def test_the_last_four_digits_stay_even_across_a_separator():
    # 14 digits in groups of 4, 4, 4 and 2: the last four digits are 5, 9, 0, 4.
    assert mask_card("3056 9309 0259 04") == "**** **** **59 04"


def test_five_digits_hide_exactly_one():
    assert mask_card("12345") == "*2345"


@pytest.mark.parametrize("number", ["1234", "123", "12-34", "7", ""])
def test_four_digits_or_fewer_are_returned_unchanged(number):
    assert mask_card(number) == number


def test_spaces_around_the_number_are_kept():
    assert mask_card("  6011 0009 9013 9424 ") == "  **** **** **** 9424 "


def test_any_separator_is_kept_including_non_breaking_spaces():
    # Copied from a web page, the spaces are often U+00A0, not plain spaces.
    assert mask_card("4111\u00a01111\u00a01111\u00a01234") == "****\u00a0****\u00a0****\u00a01234"


def test_only_0_to_9_are_digits_so_a_footnote_mark_stays():
    # str.isdigit() is True for "²", but it is not one of the digits 0 to 9.
    assert mask_card("4111 1111 1111 1234²") == "**** **** **** 1234²"


def test_a_long_number_with_an_odd_layout():
    assert mask_card("37 82-822463/10005") == "** **-******/*0005"
