"""Whether two stays in the same room overlap."""


def overlaps(a_start, a_end, b_start, b_end):
    for start, end in ((a_start, a_end), (b_start, b_end)):
        if end < start:
            raise ValueError("a stay cannot end before it starts")
    # The shared part runs from the later start to the earlier end; a night is shared when
    # it is not empty. A zero-night stay leaves it empty too.
    return max(a_start, b_start) < min(a_end, b_end)
