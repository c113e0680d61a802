# Mistake: prints a run only when a different line comes after it, so the last run of
# the input is never printed.
import sys

args = sys.argv[1:]
if args not in ([], ["-c"]):
    print("usage: solution.py [-c]", file=sys.stderr)
    sys.exit(2)
counting = args == ["-c"]

previous = None
count = 0
for line in sys.stdin:
    line = line.rstrip("\n")
    if count > 0 and line == previous:
        count += 1
    else:
        if count > 0:
            print(f"{count} {previous}" if counting else previous)
        previous, count = line, 1
