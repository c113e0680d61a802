# Mistake: keeps the count in one global variable, so every numberer moves the same count.
counter = {"next": None}


def make_numberer(prefix, start=1, width=4):
    if start < 0:
        raise ValueError(f"start must be 0 or more, got {start}")
    if width < 1:
        raise ValueError(f"width must be 1 or more, got {width}")
    if counter["next"] is None:
        counter["next"] = start

    def next_number():
        text = f"{prefix}-{counter['next']:0{width}d}"
        counter["next"] += 1
        return text

    return next_number
