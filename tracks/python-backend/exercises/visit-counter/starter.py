def count_visit(page, visits=None, times=1):
    """Return a new dict of counts: visits (or nothing) plus `times` visits of page."""
    counts = {}
    counts[page] = 1
    return counts
