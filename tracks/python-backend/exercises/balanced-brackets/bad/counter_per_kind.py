# Mistake: keeps one counter per kind of bracket and never lets one go below zero, which
# catches ")(" but not brackets closed in the wrong order, such as "([)]".
def is_balanced(text):
    depth = {"(": 0, "[": 0, "{": 0}
    closers = {")": "(", "]": "[", "}": "{"}
    for char in text:
        if char in depth:
            depth[char] += 1
        elif char in closers:
            depth[closers[char]] -= 1
            if depth[closers[char]] < 0:
                return False
    return all(count == 0 for count in depth.values())
