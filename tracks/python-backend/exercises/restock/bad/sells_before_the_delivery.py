# Mistake: takes the sales away before adding the delivery, so a sale of something that
# arrived this morning is refused.
def update_stock(stock, delivered, sold):
    for counts in (stock, delivered, sold):
        for name, count in counts.items():
            if count < 0:
                raise ValueError(f"the count of {name} is negative: {count}")
    closing = dict(stock)
    for name, count in sold.items():
        left = closing.get(name, 0)
        if count > left:
            raise ValueError(f"cannot sell {count} {name}: only {left} in stock")
        closing[name] = left - count
    for name, count in delivered.items():
        closing[name] = closing.get(name, 0) + count
    return closing
