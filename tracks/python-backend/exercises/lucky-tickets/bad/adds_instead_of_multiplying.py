# Mistake: counts how many halves make each sum, then adds those counts up instead of
# pairing every first half with every second half (counts[s] * counts[s]).
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
    if digits < 2 or digits % 2 != 0:
        raise ValueError(f"a ticket needs an even number of digits (at least 2), got {digits}")
    return sum(half_sums(digits // 2))
