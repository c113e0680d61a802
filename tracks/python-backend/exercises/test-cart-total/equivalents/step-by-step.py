"""The total of a shopping cart, in cents, with an optional coupon."""


def _goods(items):
    if any(quantity < 1 for _, quantity in items):
        raise ValueError("quantity must be at least 1")
    return sum(price * quantity for price, quantity in items)


def _after_coupon(goods, coupon):
    if coupon is None:
        return goods
    if coupon == "SAVE10":
        return goods - goods // 10
    if coupon == "FIVEOFF":
        return goods - 500 if goods > 500 else 0
    raise ValueError(f"unknown coupon {coupon!r}")


def cart_total(items, coupon=None):
    if len(items) == 0:
        return 0
    goods = _after_coupon(_goods(items), coupon)
    return goods if goods >= 5000 else goods + 495
