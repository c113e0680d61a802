"""the result is the price left to pay, not the amount taken off"""


def discounted_price(price, percent):
    if price < 0:
        raise ValueError("price must not be negative")
    if percent < 0 or percent > 100:
        raise ValueError("percent must be between 0 and 100")
    return round(price * percent / 100, 2)
