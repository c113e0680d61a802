def count_visit(page, visits=None, times=1):
    """Return a new dict of counts: visits (or nothing) plus `times` visits of page."""
    if times < 1:
        raise ValueError(f"times must be 1 or more, got {times}")
    counts = {} if visits is None else dict(visits)
    path = page.split("?", 1)[0]
    counts[path] = counts.get(path, 0) + times
    return counts
