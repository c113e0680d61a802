def digit_sum(n):
    """Return the sum of the digits of n (for example 3 for 12)."""
    return sum(int(digit) for digit in str(n))


def count_harshad(limit):
    """Return how many numbers from 1 to limit (both included) are divisible by their digit sum."""
    return sum(1 for n in range(1, limit + 1) if n % digit_sum(n) == 0)
