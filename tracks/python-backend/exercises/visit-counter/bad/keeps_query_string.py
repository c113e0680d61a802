# Mistake: counts "/search?q=tea" as a page of its own instead of a visit of "/search".
def count_visit(page, visits=None, times=1):
    if times < 1:
        raise ValueError(f"times must be 1 or more, got {times}")
    counts = {} if visits is None else dict(visits)
    counts[page] = counts.get(page, 0) + times
    return counts
