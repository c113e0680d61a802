# Mistake: uses {} as the default value. That one dict is created once, when `def` runs,
# so every call without `visits` keeps counting in the same dict.
def count_visit(page, visits={}, times=1):
    if times < 1:
        raise ValueError(f"times must be 1 or more, got {times}")
    path = page.split("?", 1)[0]
    visits[path] = visits.get(path, 0) + times
    return dict(visits)
