# Mistake: never checks the number of digits, so an odd length (or 0) gets an answer
# instead of a ValueError.
def half_sums(length):
    counts = [1]
    for _ in range(length):
        longer = [0] * (len(counts) + 9)
        for total, ways in enumerate(counts):
            for digit in range(10):
                longer[total + digit] += ways
        counts = longer
    return counts


def lucky_tickets(digits):
    return sum(ways * ways for ways in half_sums(digits // 2))
