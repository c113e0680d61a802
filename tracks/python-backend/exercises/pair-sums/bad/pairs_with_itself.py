# Mistake: counts the number as seen *before* looking for its partner, so a number that is
# exactly half the target pairs with itself ([5] with target 10 gives 1 instead of 0).
from collections import Counter


def count_pairs(numbers, target):
    seen = Counter()
    pairs = 0
    for number in numbers:
        seen[number] += 1
        pairs += seen[target - number]
    return pairs
