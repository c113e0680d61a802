def longest_unique_run(text):
    """Return the longest stretch of text in which no character appears twice (the first one on ties)."""
    last_seen = {}
    start = 0
    best_start, best_length = 0, 0
    for i, char in enumerate(text):
        # A repeat inside the current stretch: the stretch now begins just after the earlier copy.
        if last_seen.get(char, -1) >= start:
            start = last_seen[char] + 1
        last_seen[char] = i
        if i + 1 - start > best_length:
            best_start, best_length = start, i + 1 - start
    return text[best_start:best_start + best_length]
