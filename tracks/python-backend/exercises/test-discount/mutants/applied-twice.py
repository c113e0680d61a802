"""the discount is taken off once, not twice"""


def discounted_price(price, percent):
    if price < 0:
        raise ValueError("price must not be negative")
    if percent < 0 or percent > 100:
        raise ValueError("percent must be between 0 and 100")
    once = price * (100 - percent) / 100
    return round(once * (100 - percent) / 100, 2)
