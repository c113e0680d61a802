# Wrong expectation: the test computes the exact value, but the code rounds to cents, so this
# test fails on the correct code.
from discount import discounted_price


def test_fifteen_percent_off():
    assert discounted_price(19.99, 15) == 16.9915


def test_ten_percent_off():
    assert discounted_price(80, 10) == 72
