def busiest_moment(sessions):
    """Return (the most sessions online at once, the earliest moment that happens)."""
    most, when = 0, None
    # Comparing every session with every other is too slow for 30,000 sessions.
    # When does the number of sessions online change?
    return most, when
