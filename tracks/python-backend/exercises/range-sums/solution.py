def range_sums(numbers, queries):
    """Return, for each (first, last) in queries, the sum of numbers[first] to numbers[last]."""
    # totals[i] is the sum of the first i numbers, so totals[0] is 0.
    totals = [0]
    for number in numbers:
        totals.append(totals[-1] + number)
    return [totals[last + 1] - totals[first] for first, last in queries]
