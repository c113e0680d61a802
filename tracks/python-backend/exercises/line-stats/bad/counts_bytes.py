# Mistake: counts bytes instead of characters, so "é" counts 2 and "🙂" counts 4.
import sys

data = sys.stdin.buffer.read()
text = data.decode("utf-8")

print("lines", len(text.splitlines()))
print("words", len(text.split()))
print("characters", len(data))
