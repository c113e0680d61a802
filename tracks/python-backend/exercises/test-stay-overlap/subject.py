"""Whether two stays in the same room overlap."""


def overlaps(a_start, a_end, b_start, b_end):
    """True when the stays [a_start, a_end) and [b_start, b_end) share a night.

    The end date is the check-out day: a stay ending on the 5th and one starting on the 5th
    do not overlap. A stay that ends before it starts raises ValueError; a stay of zero
    nights (start == end) overlaps nothing.
    """
    if a_end < a_start or b_end < b_start:
        raise ValueError("a stay cannot end before it starts")
    if a_start == a_end or b_start == b_end:
        return False
    return a_start < b_end and b_start < a_end
