# Mistake: checks start and width inside the inner function, so a wrong width is reported
# only at the first number, not when the numberer is made.
def make_numberer(prefix, start=1, width=4):
    number = start

    def next_number():
        nonlocal number
        if start < 0 or width < 1:
            raise ValueError("start must be 0 or more and width 1 or more")
        text = f"{prefix}-{number:0{width}d}"
        number += 1
        return text

    return next_number
