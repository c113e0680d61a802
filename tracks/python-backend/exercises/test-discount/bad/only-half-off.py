# Weak: every example uses 50%, where the price to pay and the amount taken off are the
# same number, and round prices, where rounding never shows.
import pytest

from discount import discounted_price


def test_half_off():
    assert discounted_price(100, 50) == 50


def test_half_off_small_price():
    assert discounted_price(8, 50) == 4


def test_full_discount():
    assert discounted_price(30, 100) == 0


def test_too_much_is_refused():
    with pytest.raises(ValueError):
        discounted_price(30, 120)
