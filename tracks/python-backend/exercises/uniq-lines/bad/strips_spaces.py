# Mistake: strip() removes the spaces around each line along with the newline, so "ok"
# and "ok " become the same line.
import sys

args = sys.argv[1:]
if args not in ([], ["-c"]):
    print("usage: solution.py [-c]", file=sys.stderr)
    sys.exit(2)
counting = args == ["-c"]

previous = None
count = 0
for line in sys.stdin:
    line = line.strip()
    if count > 0 and line == previous:
        count += 1
    else:
        if count > 0:
            print(f"{count} {previous}" if counting else previous)
        previous, count = line, 1
if count > 0:
    print(f"{count} {previous}" if counting else previous)
