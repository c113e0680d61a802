# Mistake: remembers which numbers were seen in a set, not how many times, so repeated
# numbers make too few pairs ([2, 2, 2, 2] with target 4 gives 3 instead of 6).
def count_pairs(numbers, target):
    seen = set()
    pairs = 0
    for number in numbers:
        if target - number in seen:
            pairs += 1
        seen.add(number)
    return pairs
