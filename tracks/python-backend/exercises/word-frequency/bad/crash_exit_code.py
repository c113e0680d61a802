# Mistake: lets int() crash on a bad argument; Python then exits with code 1, not 2.
import re
import sys
from collections import Counter

limit = int(sys.argv[1]) if len(sys.argv) > 1 else 3
words = re.findall(r"[^\W\d_]+", sys.stdin.read().lower())
counts = sorted(Counter(words).items(), key=lambda item: (-item[1], item[0]))
for word, count in counts[:limit]:
    print(word, count)
