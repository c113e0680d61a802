# Mistake: checks whether the digit sum is divisible by the number, instead of the number
# by its digit sum. Only 1 to 9 pass that test.
def digit_sum(n):
    return sum(int(digit) for digit in str(n))


def count_harshad(limit):
    return sum(1 for n in range(1, limit + 1) if digit_sum(n) % n == 0)
