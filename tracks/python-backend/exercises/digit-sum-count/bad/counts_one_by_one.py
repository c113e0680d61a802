# Mistake (too slow): looks at every number from 1 to limit. Right answers up to about a
# million, but limits go up to 10**18 and the CPU-time limit runs out.
def count_digit_sum(limit, target):
    count = 0
    for number in range(1, limit + 1):
        if sum(int(digit) for digit in str(number)) == target:
            count += 1
    return count
