# Mistake: never checks that the stack is empty at the end, so "((" is "balanced".
PARTNERS = {")": "(", "]": "[", "}": "{"}


def is_balanced(text):
    stack = []
    for char in text:
        if char in "([{":
            stack.append(char)
        elif char in PARTNERS:
            if not stack or stack.pop() != PARTNERS[char]:
                return False
    return True
