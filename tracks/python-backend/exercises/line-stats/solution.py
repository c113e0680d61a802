import sys

text = sys.stdin.read()

print("lines", len(text.splitlines()))
print("words", len(text.split()))
print("characters", len(text))
