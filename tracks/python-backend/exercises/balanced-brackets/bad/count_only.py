# Mistake: only counts openers and closers, so "([)]" and ")(" look balanced.
def is_balanced(text):
    return all(text.count(o) == text.count(c) for o, c in ["()", "[]", "{}"])
