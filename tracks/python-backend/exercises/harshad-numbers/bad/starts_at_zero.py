# Mistake: starts counting at 0 (range(limit + 1)); 0 has digit sum 0, and 0 % 0 raises
# ZeroDivisionError.
def digit_sum(n):
    return sum(int(digit) for digit in str(n))


def count_harshad(limit):
    return sum(1 for n in range(limit + 1) if n % digit_sum(n) == 0)
