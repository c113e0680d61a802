def lucky_tickets(digits):
    """Return how many tickets of `digits` digits have halves with equal digit sums."""
    # Checking every ticket works for 4 digits, but not for 40.
    # How many ways can one half add up to each possible sum?
    return 0
