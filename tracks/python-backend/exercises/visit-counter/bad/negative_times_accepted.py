# Mistake: checks `if not times:`, which refuses 0 but lets a negative number through,
# so times=-1 takes a visit away instead of being an error.
def count_visit(page, visits=None, times=1):
    if not times:
        raise ValueError(f"times must be 1 or more, got {times}")
    counts = {} if visits is None else dict(visits)
    path = page.split("?", 1)[0]
    counts[path] = counts.get(path, 0) + times
    return counts
