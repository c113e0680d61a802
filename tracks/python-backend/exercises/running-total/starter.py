def running_total(numbers):
    """Return a list where item i is the sum of numbers[0] .. numbers[i]."""
    result = []
    # Walk through numbers, keep a running total, append it each time.
    return result
