from collections import Counter


def count_pairs(numbers, target):
    """Return how many pairs of positions i < j have numbers[i] + numbers[j] == target."""
    seen = Counter()
    pairs = 0
    for number in numbers:
        # Every earlier number that completes this one makes one new pair.
        pairs += seen[target - number]
        seen[number] += 1
    return pairs
