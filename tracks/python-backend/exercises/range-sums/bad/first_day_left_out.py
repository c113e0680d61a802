# Mistake (off by one): subtracts the running total up to and including `first`, so the
# first day of each range is missing.
def range_sums(numbers, queries):
    totals = [0]
    for number in numbers:
        totals.append(totals[-1] + number)
    return [totals[last + 1] - totals[first + 1] for first, last in queries]
