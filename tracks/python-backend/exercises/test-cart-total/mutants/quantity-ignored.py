"""each price is multiplied by its quantity"""

COUPONS = {"SAVE10": ("percent", 10), "FIVEOFF": ("amount", 500)}
FREE_SHIPPING_FROM = 5000
SHIPPING = 495


def cart_total(items, coupon=None):
    if not items:
        return 0
    goods = 0
    for price, quantity in items:
        if quantity < 1:
            raise ValueError("quantity must be at least 1")
        goods += price
    if coupon is not None:
        if coupon not in COUPONS:
            raise ValueError(f"unknown coupon {coupon!r}")
        kind, value = COUPONS[coupon]
        if kind == "percent":
            goods -= goods * value // 100
        else:
            goods = max(0, goods - value)
    shipping = 0 if goods >= FREE_SHIPPING_FROM else SHIPPING
    return goods + shipping
