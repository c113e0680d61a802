# Weak: checks the arithmetic but never an input the function must refuse.
from discount import discounted_price


def test_no_discount():
    assert discounted_price(40, 0) == 40


def test_ten_percent():
    assert discounted_price(80, 10) == 72


def test_rounding():
    assert discounted_price(19.99, 15) == 16.99


def test_everything_off():
    assert discounted_price(12, 100) == 0
