# Weak: coupons are only tried on big carts, far from the shipping threshold and far above
# the coupon's value.
from cart import cart_total


def test_big_cart_ships_free():
    assert cart_total([(2000, 4)]) == 8000


def test_small_cart_pays_shipping():
    assert cart_total([(1000, 2)]) == 2495


def test_save10_on_a_big_cart():
    assert cart_total([(2000, 4)], coupon="SAVE10") == 7200


def test_fiveoff_on_a_big_cart():
    assert cart_total([(2000, 4)], coupon="FIVEOFF") == 7500
