# Mistake (off by one): numbers[first:last] stops before last, so the last day of each
# range is missing. (It is also too slow, but it is wrong before that matters.)
def range_sums(numbers, queries):
    totals = [0]
    for number in numbers:
        totals.append(totals[-1] + number)
    return [totals[last] - totals[first] for first, last in queries]
