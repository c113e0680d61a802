from cart import cart_total


def test_empty_cart_costs_nothing():
    assert cart_total([]) == 0


# Add your tests below: work out each expected total by hand, in cents.
