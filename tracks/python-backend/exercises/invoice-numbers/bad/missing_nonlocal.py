# Mistake: changes `number` in the inner function without `nonlocal number`, so Python
# treats it as a new local variable and the first call raises UnboundLocalError.
def make_numberer(prefix, start=1, width=4):
    if start < 0:
        raise ValueError(f"start must be 0 or more, got {start}")
    if width < 1:
        raise ValueError(f"width must be 1 or more, got {width}")
    number = start

    def next_number():
        text = f"{prefix}-{number:0{width}d}"
        number += 1
        return text

    return next_number
