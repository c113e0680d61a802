PARTNERS = {")": "(", "]": "[", "}": "{"}


def is_balanced(text):
    """Return True when the brackets (), [] and {} in text are balanced."""
    stack = []
    for char in text:
        if char in "([{":
            stack.append(char)
        elif char in PARTNERS:
            if not stack or stack.pop() != PARTNERS[char]:
                return False
    return not stack
