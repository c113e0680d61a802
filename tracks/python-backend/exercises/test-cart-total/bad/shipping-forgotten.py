# Wrong expectation: forgets shipping on a small cart, so the test fails on the correct code.
from cart import cart_total


def test_one_item():
    assert cart_total([(1200, 1)]) == 1200


def test_empty():
    assert cart_total([]) == 0
