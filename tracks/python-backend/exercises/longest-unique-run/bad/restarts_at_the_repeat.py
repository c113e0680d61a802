# Mistake: on a repeat, starts the new window at the repeated character itself and forgets
# the characters between the two copies ("xyxz" gives "xy" instead of "yxz").
def longest_unique_run(text):
    seen = set()
    start = 0
    best = ""
    for i, char in enumerate(text):
        if char in seen:
            seen = set()
            start = i
        seen.add(char)
        if i + 1 - start > len(best):
            best = text[start:i + 1]
    return best
