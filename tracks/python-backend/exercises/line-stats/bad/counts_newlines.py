# Mistake (off by one): counts the newline characters, so a last line without a newline
# after it is not counted ("one\ntwo" gives 1 line instead of 2).
import sys

text = sys.stdin.read()

print("lines", text.count("\n"))
print("words", len(text.split()))
print("characters", len(text))
