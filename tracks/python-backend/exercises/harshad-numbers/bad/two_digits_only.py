# Mistake: adds only the first and the last digit, as if every number had two digits:
# 7 gets 14 (the same digit twice) and 123 gets 4 instead of 6.
def digit_sum(n):
    digits = str(n)
    return int(digits[0]) + int(digits[-1])


def count_harshad(limit):
    return sum(1 for n in range(1, limit + 1) if n % digit_sum(n) == 0)
