# Mistake: never checks for negative counts, so a "sale" of -2 adds two to the stock.
def update_stock(stock, delivered, sold):
    closing = dict(stock)
    for name, count in delivered.items():
        closing[name] = closing.get(name, 0) + count
    for name, count in sold.items():
        left = closing.get(name, 0)
        if count > left:
            raise ValueError(f"cannot sell {count} {name}: only {left} in stock")
        closing[name] = left - count
    return closing
