# Mistake (off by one): counts the numbers below limit with the digit method, but forgets
# to check limit itself.
def count_digit_sum(limit, target):
    digits = [int(d) for d in str(limit)] if limit >= 1 else []
    if not 1 <= target <= 9 * len(digits):
        return 0
    table = [[1] + [0] * target]
    for _ in range(len(digits)):
        previous = table[-1]
        table.append([sum(previous[s - d] for d in range(10) if s - d >= 0) for s in range(target + 1)])
    count = 0
    used = 0
    for position, limit_digit in enumerate(digits):
        left = len(digits) - position - 1
        for digit in range(limit_digit):
            if target - used - digit >= 0:
                count += table[left][target - used - digit]
        used += limit_digit
    return count
