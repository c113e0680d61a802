# Mistake: looks up every number's partners in the whole list, so each pair is counted
# twice (once from each end): [1, 9, 4, 6] with target 10 gives 4 instead of 2.
from collections import Counter


def count_pairs(numbers, target):
    counts = Counter(numbers)
    pairs = 0
    for number in numbers:
        pairs += counts[target - number]
        if target - number == number:
            pairs -= 1
    return pairs
