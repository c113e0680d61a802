# Mistake (too slow): removes "()", "[]" and "{}" pairs again and again until none is left.
# Right answers, but each round only removes the innermost layer: brackets nested 50,000
# deep need 50,000 rounds over the whole text, and the CPU-time limit runs out.
def is_balanced(text):
    brackets = "".join(char for char in text if char in "()[]{}")
    while "()" in brackets or "[]" in brackets or "{}" in brackets:
        brackets = brackets.replace("()", "").replace("[]", "").replace("{}", "")
    return brackets == ""
