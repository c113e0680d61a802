"""a stay of zero nights overlaps nothing"""


def overlaps(a_start, a_end, b_start, b_end):
    if a_end < a_start or b_end < b_start:
        raise ValueError("a stay cannot end before it starts")
    return a_start <= b_start < a_end or b_start <= a_start < b_end
