# Mistake: builds the halves as if a number could not start with 0 (the first digit goes
# from 1 to 9), so tickets such as 0000 or 0110 are missing.
def half_sums(length):
    counts = [0] + [1] * 9  # one digit: the sums 1 to 9
    for _ in range(length - 1):
        longer = [0] * (len(counts) + 9)
        for total, ways in enumerate(counts):
            for digit in range(10):
                longer[total + digit] += ways
        counts = longer
    return counts


def lucky_tickets(digits):
    if digits < 2 or digits % 2 != 0:
        raise ValueError(f"a ticket needs an even number of digits (at least 2), got {digits}")
    return sum(ways * ways for ways in half_sums(digits // 2))
