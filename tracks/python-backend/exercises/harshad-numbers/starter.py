def digit_sum(n):
    """Return the sum of the digits of n (for example 3 for 12)."""
    return 0


def count_harshad(limit):
    """Return how many numbers from 1 to limit (both included) are divisible by their digit sum."""
    count = 0
    # TODO: look at every number from 1 to limit
    return count
