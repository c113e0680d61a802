import re
import sys
from collections import Counter

# A letter of any alphabet: a word character that is neither a digit nor "_".
WORD = re.compile(r"[^\W\d_]+")


def parse_limit(args):
    if len(args) < 2:
        return 3
    try:
        limit = int(args[1])
    except ValueError:
        limit = 0
    if limit < 1:
        print(
            f"error: the number of words must be a whole number of at least 1, got {args[1]!r}",
            file=sys.stderr,
        )
        sys.exit(2)
    return limit


limit = parse_limit(sys.argv)
words = WORD.findall(sys.stdin.read().lower())
counts = sorted(Counter(words).items(), key=lambda item: (-item[1], item[0]))
for word, count in counts[:limit]:
    print(word, count)
