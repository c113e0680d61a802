# Mistake: replaces the best stretch when the new one is equally long (>= instead of >),
# so the last of equally long stretches wins ("abcab" gives "cab").
def longest_unique_run(text):
    last_seen = {}
    start = 0
    best = ""
    for i, char in enumerate(text):
        if last_seen.get(char, -1) >= start:
            start = last_seen[char] + 1
        last_seen[char] = i
        if i + 1 - start >= len(best):
            best = text[start:i + 1]
    return best
