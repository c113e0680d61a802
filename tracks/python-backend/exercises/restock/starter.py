def update_stock(stock, delivered, sold):
    """Return the stock at closing time: stock + delivered - sold, as a new dict.

    Raise ValueError when more was sold than there was, or when a count is negative.
    """
    closing = {}
    return closing
