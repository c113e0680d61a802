def half_sums(length):
    """Return a list: counts[s] is how many strings of `length` digits add up to s."""
    counts = [1]  # zero digits: one way, the empty string, with sum 0
    for _ in range(length):
        longer = [0] * (len(counts) + 9)
        for total, ways in enumerate(counts):
            for digit in range(10):
                longer[total + digit] += ways
        counts = longer
    return counts


def lucky_tickets(digits):
    """Return how many tickets of `digits` digits have halves with equal digit sums."""
    if digits < 2 or digits % 2 != 0:
        raise ValueError(f"a ticket needs an even number of digits (at least 2), got {digits}")
    # A lucky ticket is any first half followed by any second half with the same sum.
    return sum(ways * ways for ways in half_sums(digits // 2))
