from discount import discounted_price


def test_no_discount_keeps_the_price():
    assert discounted_price(40, 0) == 40


# Add your tests below: one test per behaviour, each named for what it checks.
