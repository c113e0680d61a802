# Mistake: treats any argument other than -c as "no option" instead of a usage error.
import sys

counting = "-c" in sys.argv[1:]

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
if count > 0:
    print(f"{count} {previous}" if counting else previous)
