import sys


def parse_args(args):
    """Return True when runs should be counted (-c); exit with code 2 on anything else."""
    if args == []:
        return False
    if args == ["-c"]:
        return True
    print("usage: solution.py [-c]", file=sys.stderr)
    sys.exit(2)


def runs(lines):
    """Yield (line, how many times in a row) for each run of equal neighbouring lines."""
    current = None
    count = 0
    for line in lines:
        if count > 0 and line == current:
            count += 1
            continue
        if count > 0:
            yield current, count
        current, count = line, 1
    if count > 0:
        yield current, count


counting = parse_args(sys.argv[1:])
lines = (line.rstrip("\n") for line in sys.stdin)
for line, count in runs(lines):
    print(f"{count} {line}" if counting else line)
