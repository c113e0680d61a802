# Weak: every item has quantity 1, so a total that ignores quantities passes.
import pytest

from cart import cart_total


def test_small_cart():
    assert cart_total([(1200, 1)]) == 1695


def test_two_items():
    assert cart_total([(1200, 1), (800, 1)]) == 2495


def test_exactly_fifty():
    assert cart_total([(5000, 1)]) == 5000


def test_coupon_pushes_below_free_shipping():
    assert cart_total([(5000, 1)], coupon="SAVE10") == 4995


def test_fiveoff_small_cart():
    assert cart_total([(300, 1)], coupon="FIVEOFF") == 495


def test_unknown_coupon():
    with pytest.raises(ValueError):
        cart_total([(1200, 1)], coupon="NOPE")
