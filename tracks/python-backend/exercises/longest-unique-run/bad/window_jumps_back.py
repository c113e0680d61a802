# Mistake: moves the start of the window to just after the earlier copy even when that copy
# is already outside the window, so the window can jump backwards and take in a repeat
# ("abba" gives "bba").
def longest_unique_run(text):
    last_seen = {}
    start = 0
    best = ""
    for i, char in enumerate(text):
        if char in last_seen:
            start = last_seen[char] + 1
        last_seen[char] = i
        if i + 1 - start > len(best):
            best = text[start:i + 1]
    return best
