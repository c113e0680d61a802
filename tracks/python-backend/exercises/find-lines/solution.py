import sys

USAGE = "usage: solution.py [-i] [-n] PATTERN [FILE ...]"


def parse_args(args):
    """Return (ignore_case, numbered, pattern, files); exit with code 2 on bad arguments."""
    ignore_case = numbered = False
    while args and args[0].startswith("-"):
        option, args = args[0], args[1:]
        if option == "-i":
            ignore_case = True
        elif option == "-n":
            numbered = True
        else:
            usage()
    if not args:
        usage()
    return ignore_case, numbered, args[0], args[1:]


def usage():
    print(USAGE, file=sys.stderr)
    sys.exit(2)


def matching_lines(lines, pattern, ignore_case):
    """Yield (line number, line without its newline) for each line that contains pattern."""
    if ignore_case:
        pattern = pattern.lower()
    for number, line in enumerate(lines, start=1):
        line = line.rstrip("\n")
        if pattern in (line.lower() if ignore_case else line):
            yield number, line


def main(args):
    ignore_case, numbered, pattern, files = parse_args(args)
    sources = [(None, sys.stdin)] if not files else [(name, None) for name in files]
    found = missing = False
    for name, stream in sources:
        if stream is None:
            try:
                stream = open(name, encoding="utf-8")
            except FileNotFoundError:
                print(f"error: {name}: no such file", file=sys.stderr)
                missing = True
                continue
        with stream:
            for number, line in matching_lines(stream, pattern, ignore_case):
                prefix = (f"{name}:" if len(files) > 1 else "") + (f"{number}:" if numbered else "")
                print(prefix + line)
                found = True
    sys.exit(2 if missing else 0 if found else 1)


main(sys.argv[1:])
