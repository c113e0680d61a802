"""Prices after a percentage discount, for the shop's checkout."""


def discounted_price(price, percent):
    """The price after taking `percent` percent off, rounded to cents.

    price must not be negative; percent must be between 0 and 100, both included.
    Anything else raises ValueError.
    """
    if price < 0:
        raise ValueError("price must not be negative")
    if percent < 0 or percent > 100:
        raise ValueError("percent must be between 0 and 100")
    return round(price * (100 - percent) / 100, 2)
