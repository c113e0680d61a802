def count_climbs(stairs, steps):
    """Return how many sequences of the given step sizes add up to exactly `stairs`."""
    # Trying every sequence one by one is far too slow for 300 stairs.
    # Hint: how many ways are there to reach each smaller stair first?
    return 0
