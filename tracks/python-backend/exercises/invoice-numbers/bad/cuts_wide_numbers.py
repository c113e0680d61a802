# Mistake: keeps only the last `width` digits, so after INV-9999 comes INV-0000.
def make_numberer(prefix, start=1, width=4):
    if start < 0:
        raise ValueError(f"start must be 0 or more, got {start}")
    if width < 1:
        raise ValueError(f"width must be 1 or more, got {width}")
    number = start

    def next_number():
        nonlocal number
        digits = str(number).zfill(width)[-width:]
        number += 1
        return f"{prefix}-{digits}"

    return next_number
