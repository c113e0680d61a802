# Mistake (off by one): text.split("\n") gives one more piece than there are lines when
# the text ends with a newline ("a\n" becomes ["a", ""]), and [""] for an empty text.
import sys

text = sys.stdin.read()

print("lines", len(text.split("\n")))
print("words", len(text.split()))
print("characters", len(text))
