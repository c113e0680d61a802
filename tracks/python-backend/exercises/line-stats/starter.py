import sys

text = sys.stdin.read()

# TODO: count the lines, the words and the characters of text
print("lines", 0)
print("words", 0)
print("characters", 0)
