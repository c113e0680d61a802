import pytest

from solution import lucky_tickets


def test_two_digits():
    assert lucky_tickets(2) == 10


def test_four_digits():
    assert lucky_tickets(4) == 670


def test_six_digits():
    assert lucky_tickets(6) == 55_252


def test_eight_digits():
    assert lucky_tickets(8) == 4_816_030


def test_twelve_digits():
    assert lucky_tickets(12) == 39_581_170_420


def test_twenty_digits():
    assert lucky_tickets(20) == 3_081_918_923_741_896_840


def test_forty_digits_exactly():
    got = lucky_tickets(40)
    expected = 218_768_894_829_904_122_626_725_603_838_896_148_680
    assert got == expected, f"lucky_tickets(40): expected {expected}, got {got!r}"


@pytest.mark.parametrize("digits", [3, 1, 0, -2, 41])
def test_an_odd_number_or_less_than_two_digits_raises_value_error(digits):
    with pytest.raises(ValueError):
        lucky_tickets(digits)
