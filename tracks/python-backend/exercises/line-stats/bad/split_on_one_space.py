# Mistake: splits words on a single space, so two spaces in a row make an empty "word"
# and a tab or a newline does not separate words at all.
import sys

text = sys.stdin.read()

print("lines", len(text.splitlines()))
print("words", len(text.strip().split(" ")) if text.strip() else 0)
print("characters", len(text))
