# Mistake: reads closing[name] for a sold product without .get(), so a product the shop
# never had raises KeyError instead of ValueError.
def update_stock(stock, delivered, sold):
    for counts in (stock, delivered, sold):
        for name, count in counts.items():
            if count < 0:
                raise ValueError(f"the count of {name} is negative: {count}")
    closing = dict(stock)
    for name, count in delivered.items():
        closing[name] = closing.get(name, 0) + count
    for name, count in sold.items():
        if count > closing[name]:
            raise ValueError(f"cannot sell {count} {name}: only {closing[name]} in stock")
        closing[name] -= count
    return closing
