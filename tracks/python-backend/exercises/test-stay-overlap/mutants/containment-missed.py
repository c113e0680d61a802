"""a stay that covers the other one completely overlaps it"""


def overlaps(a_start, a_end, b_start, b_end):
    if a_end < a_start or b_end < b_start:
        raise ValueError("a stay cannot end before it starts")
    if a_start == a_end or b_start == b_end:
        return False
    starts_inside = a_start <= b_start < a_end
    ends_inside = a_start < b_end <= a_end
    return starts_inside or ends_inside
