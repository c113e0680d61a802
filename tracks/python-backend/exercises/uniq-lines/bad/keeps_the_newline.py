# Mistake: compares lines with their newline still attached, so a last line without a
# newline differs from the same text on the line before it.
import sys

args = sys.argv[1:]
if args not in ([], ["-c"]):
    print("usage: solution.py [-c]", file=sys.stderr)
    sys.exit(2)
counting = args == ["-c"]

previous = None
count = 0
for line in sys.stdin:
    if count > 0 and line == previous:
        count += 1
    else:
        if count > 0:
            text = previous.rstrip("\n")
            print(f"{count} {text}" if counting else text)
        previous, count = line, 1
if count > 0:
    text = previous.rstrip("\n")
    print(f"{count} {text}" if counting else text)
