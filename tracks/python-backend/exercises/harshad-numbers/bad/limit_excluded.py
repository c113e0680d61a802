# Mistake (off by one): range(1, limit) stops before limit, so limit itself is never counted.
def digit_sum(n):
    return sum(int(digit) for digit in str(n))


def count_harshad(limit):
    return sum(1 for n in range(1, limit) if n % digit_sum(n) == 0)
