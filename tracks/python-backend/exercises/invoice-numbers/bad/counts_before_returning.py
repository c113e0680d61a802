# Mistake (off by one): adds 1 before writing the number, so the first number is start + 1.
def make_numberer(prefix, start=1, width=4):
    if start < 0:
        raise ValueError(f"start must be 0 or more, got {start}")
    if width < 1:
        raise ValueError(f"width must be 1 or more, got {width}")
    number = start

    def next_number():
        nonlocal number
        number += 1
        return f"{prefix}-{number:0{width}d}"

    return next_number
