# Mistake: uses a stack, but only knows round and square brackets, so "{" and "}" are
# treated like any other character.
PARTNERS = {")": "(", "]": "["}


def is_balanced(text):
    stack = []
    for char in text:
        if char in "([":
            stack.append(char)
        elif char in PARTNERS:
            if not stack or stack.pop() != PARTNERS[char]:
                return False
    return not stack
