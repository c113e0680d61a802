def is_balanced(text):
    """Return True when the brackets (), [] and {} in text are balanced."""
    stack = []
    # for each character: push openers, check and pop for closers
    return False
