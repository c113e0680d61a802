"""Prices after a percentage discount, for the shop's checkout."""


def discounted_price(price, percent):
    if price < 0:
        raise ValueError("price must not be negative")
    if not 0 <= percent <= 100:
        raise ValueError("percent must be between 0 and 100")
    kept = 100 - percent
    return round(price * kept / 100, 2)
