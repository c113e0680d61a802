def count_pairs(numbers, target):
    """Return how many pairs of positions i < j have numbers[i] + numbers[j] == target."""
    pairs = 0
    # Checking every pair works on small lists but is far too slow for 100,000 numbers.
    # Think about what you need to remember about the numbers you have already seen.
    return pairs
