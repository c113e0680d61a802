# Mistake: counts every number with as many digits as limit (up to 99...9), as if limit
# were all nines: the digits of limit never bound the count.
def count_digit_sum(limit, target):
    length = len(str(limit)) if limit >= 1 else 0
    if not 1 <= target <= 9 * length:
        return 0
    counts = [1] + [0] * target
    for _ in range(length):
        counts = [sum(counts[s - d] for d in range(10) if s - d >= 0) for s in range(target + 1)]
    return counts[target]
