# Mistake: pops without checking that the stack has anything, which raises IndexError
# on text that starts with a closing bracket.
PARTNERS = {")": "(", "]": "[", "}": "{"}


def is_balanced(text):
    stack = []
    for char in text:
        if char in "([{":
            stack.append(char)
        elif char in PARTNERS:
            if stack.pop() != PARTNERS[char]:
                return False
    return not stack
