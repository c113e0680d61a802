"""an unknown coupon is refused with ValueError"""

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
        goods += price * quantity
    if coupon in COUPONS:
        kind, value = COUPONS[coupon]
        if kind == "percent":
            goods -= goods * value // 100
        else:
            goods = max(0, goods - value)
    shipping = 0 if goods >= FREE_SHIPPING_FROM else SHIPPING
    return goods + shipping
