# Mistake: splits on whitespace only, so "apple," and "apple" are different words,
# and forgets to lowercase.
import sys
from collections import Counter

try:
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else 3
except ValueError:
    limit = 0
if limit < 1:
    print(f"error: bad number of words: {sys.argv[1]!r}", file=sys.stderr)
    sys.exit(2)
words = sys.stdin.read().split()
counts = sorted(Counter(words).items(), key=lambda item: (-item[1], item[0]))
for word, count in counts[:limit]:
    print(word, count)
