# Mistake: exits with code 2 on a bad argument but never says why: nothing on standard error.
import re
import sys
from collections import Counter

try:
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else 3
except ValueError:
    limit = 0
if limit < 1:
    sys.exit(2)
words = re.findall(r"[^\W\d_]+", sys.stdin.read().lower())
counts = sorted(Counter(words).items(), key=lambda item: (-item[1], item[0]))
for word, count in counts[:limit]:
    print(word, count)
