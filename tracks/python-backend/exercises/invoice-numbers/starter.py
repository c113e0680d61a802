def make_numberer(prefix, start=1, width=4):
    """Return a function that returns "PREFIX-0001", "PREFIX-0002", ... one per call."""

    def next_number():
        return f"{prefix}-{start}"

    return next_number
