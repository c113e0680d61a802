import pytest

from discount import discounted_price


def test_no_discount_keeps_the_price():
    assert discounted_price(40, 0) == 40


def test_ten_percent_off_leaves_ninety_percent_to_pay():
    assert discounted_price(80, 10) == 72


def test_result_is_rounded_to_cents():
    assert discounted_price(19.99, 15) == 16.99


def test_full_discount_makes_it_free():
    assert discounted_price(25, 100) == 0


@pytest.mark.parametrize("percent", [-1, 100.5, 101])
def test_percent_outside_zero_to_hundred_is_refused(percent):
    with pytest.raises(ValueError):
        discounted_price(50, percent)


def test_negative_price_is_refused():
    with pytest.raises(ValueError):
        discounted_price(-5, 10)
