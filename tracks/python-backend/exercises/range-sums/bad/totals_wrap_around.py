# Mistake: keeps running totals that include position i (totals[i] = numbers[0] + ... +
# numbers[i]) and answers totals[last] - totals[first - 1]. For first = 0 that reads
# totals[-1], the total of the whole list, instead of 0.
def range_sums(numbers, queries):
    totals = []
    running = 0
    for number in numbers:
        running += number
        totals.append(running)
    return [totals[last] - totals[first - 1] for first, last in queries]
