# Mistake: Counter.most_common breaks ties by first appearance, not alphabetically.
import re
import sys
from collections import Counter

try:
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else 3
except ValueError:
    limit = 0
if limit < 1:
    print(f"error: bad number of words: {sys.argv[1]!r}", file=sys.stderr)
    sys.exit(2)
words = re.findall(r"[^\W\d_]+", sys.stdin.read().lower())
for word, count in Counter(words).most_common(limit):
    print(word, count)
