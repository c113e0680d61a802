"""a stay that starts on the other's check-out day does not overlap it"""


def overlaps(a_start, a_end, b_start, b_end):
    if a_end < a_start or b_end < b_start:
        raise ValueError("a stay cannot end before it starts")
    if a_start == a_end or b_start == b_end:
        return False
    return a_start <= b_end and b_start <= a_end
