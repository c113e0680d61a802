# Mistake: skips every line that was printed before, anywhere in the input, instead of
# only a line equal to the one just before it.
import sys

args = sys.argv[1:]
if args not in ([], ["-c"]):
    print("usage: solution.py [-c]", file=sys.stderr)
    sys.exit(2)
counting = args == ["-c"]

counts = {}
for line in sys.stdin:
    line = line.rstrip("\n")
    counts[line] = counts.get(line, 0) + 1
for line, count in counts.items():
    print(f"{count} {line}" if counting else line)
