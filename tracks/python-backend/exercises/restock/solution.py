def update_stock(stock, delivered, sold):
    """Return the stock at closing time: stock + delivered - sold, as a new dict.

    Raise ValueError when more was sold than there was, or when a count is negative.
    """
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
    return closing
