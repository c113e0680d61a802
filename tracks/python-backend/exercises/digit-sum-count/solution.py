def free_counts(length, most):
    """table[k][s]: how many strings of k digits (leading zeros allowed) add up to s, for s <= most."""
    table = [[1] + [0] * most]
    for _ in range(length):
        previous = table[-1]
        table.append([sum(previous[s - d] for d in range(10) if s - d >= 0) for s in range(most + 1)])
    return table


def count_digit_sum(limit, target):
    """Return how many whole numbers from 1 to limit (both included) have digits adding up to target."""
    digits = [int(d) for d in str(limit)] if limit >= 1 else []
    if not 1 <= target <= 9 * len(digits):
        return 0
    table = free_counts(len(digits), target)
    count = 0
    used = 0  # the sum of the digits of limit that we keep fixed so far
    for position, limit_digit in enumerate(digits):
        left = len(digits) - position - 1
        # Put a smaller digit here: every choice for the digits after it stays below limit.
        for digit in range(limit_digit):
            rest = target - used - digit
            if rest >= 0:
                count += table[left][rest]
        used += limit_digit
    # Numbers below limit are counted (0 too, but its sum 0 is never the target); now limit itself.
    return count + (1 if used == target else 0)
