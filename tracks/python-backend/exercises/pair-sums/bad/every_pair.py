# Mistake (too slow): compares every pair of positions. Right answers, but 100,000
# numbers make about 5 billion pairs, and the CPU-time limit runs out long before.
def count_pairs(numbers, target):
    pairs = 0
    for i in range(len(numbers)):
        for j in range(i + 1, len(numbers)):
            if numbers[i] + numbers[j] == target:
                pairs += 1
    return pairs
