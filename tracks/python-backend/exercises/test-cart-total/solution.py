import pytest

from cart import cart_total


def test_empty_cart_costs_nothing():
    assert cart_total([]) == 0


def test_small_cart_pays_shipping():
    assert cart_total([(1200, 1)]) == 1695


def test_price_is_multiplied_by_quantity():
    assert cart_total([(1200, 3), (100, 2)]) == 3800 + 495


def test_goods_of_exactly_fifty_ship_free():
    assert cart_total([(2500, 2)]) == 5000


def test_save10_takes_ten_percent_off_the_goods():
    assert cart_total([(3000, 2)], coupon="SAVE10") == 5400


def test_coupon_can_bring_the_goods_below_free_shipping():
    assert cart_total([(5000, 1)], coupon="SAVE10") == 4500 + 495


def test_fiveoff_never_makes_goods_negative():
    assert cart_total([(300, 1)], coupon="FIVEOFF") == 0 + 495


def test_unknown_coupon_is_refused():
    with pytest.raises(ValueError):
        cart_total([(1200, 1)], coupon="FREESTUFF")


def test_quantity_below_one_is_refused():
    with pytest.raises(ValueError):
        cart_total([(1200, 0)])
