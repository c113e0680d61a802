# Mistake: removes a product from the dict when it is sold out, instead of keeping it at 0.
def update_stock(stock, delivered, sold):
    for counts in (stock, delivered, sold):
        for name, count in counts.items():
            if count < 0:
                raise ValueError(f"the count of {name} is negative: {count}")
    closing = dict(stock)
    for name, count in delivered.items():
        closing[name] = closing.get(name, 0) + count
    for name, count in sold.items():
        left = closing.get(name, 0)
        if count > left:
            raise ValueError(f"cannot sell {count} {name}: only {left} in stock")
        closing[name] = left - count
        if closing[name] == 0:
            del closing[name]
    return closing
