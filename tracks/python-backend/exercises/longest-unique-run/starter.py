def longest_unique_run(text):
    """Return the longest stretch of text in which no character appears twice (the first one on ties)."""
    best = ""
    # Starting again from every position is too slow for 200,000 characters.
    # Keep a window with no repeats, and slide it along the text.
    return best
