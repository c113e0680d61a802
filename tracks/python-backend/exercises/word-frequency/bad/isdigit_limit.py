# Mistake: checks the argument with str.isdigit(), which accepts "²"; int("²") then
# raises ValueError and the program crashes with exit code 1 instead of 2.
import re
import sys
from collections import Counter

limit = 3
if len(sys.argv) > 1:
    if not sys.argv[1].isdigit() or int(sys.argv[1]) < 1:
        print(f"error: bad number of words: {sys.argv[1]!r}", file=sys.stderr)
        sys.exit(2)
    limit = int(sys.argv[1])
words = re.findall(r"[^\W\d_]+", sys.stdin.read().lower())
counts = sorted(Counter(words).items(), key=lambda item: (-item[1], item[0]))
for word, count in counts[:limit]:
    print(word, count)
