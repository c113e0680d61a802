# Mistake: accepts 0 (and negative numbers) as a limit instead of reporting an error.
import re
import sys
from collections import Counter

try:
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else 3
except ValueError:
    print(f"error: bad number of words: {sys.argv[1]!r}", file=sys.stderr)
    sys.exit(2)
words = re.findall(r"[^\W\d_]+", sys.stdin.read().lower())
counts = sorted(Counter(words).items(), key=lambda item: (-item[1], item[0]))
for word, count in counts[:limit]:
    print(word, count)
