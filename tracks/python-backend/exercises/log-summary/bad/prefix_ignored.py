# Mistake: reads --prefix but forgets to use it: every request is counted.
import sys


def usage_error(message):
    print(f"error: {message}", file=sys.stderr)
    print("usage: solution.py [--prefix PATH_PREFIX]", file=sys.stderr)
    sys.exit(2)


def parse_args(args):
    """Return the path prefix to count ('' counts everything)."""
    if not args:
        return ""
    if args[0] == "--prefix" and len(args) == 2:
        return args[1]
    usage_error(f"unexpected arguments: {' '.join(args)}")


def parse_line(line_number, line):
    fields = line.split(" ")
    if len(fields) != 4:
        raise ValueError(f"line {line_number}: expected 4 fields, got {len(fields)}")
    method, path, status_text, duration_text = fields
    if not (status_text.isascii() and status_text.isdigit() and 100 <= int(status_text) <= 599):
        raise ValueError(f"line {line_number}: status must be 100 to 599, got {status_text!r}")
    if not (duration_text.isascii() and duration_text.isdigit()):
        raise ValueError(f"line {line_number}: duration must be a whole number, got {duration_text!r}")
    return method, path, int(status_text), int(duration_text)


def main():
    prefix = parse_args(sys.argv[1:])
    requests = []
    # Check every line before printing anything: a bad log gets no half summary.
    for line_number, line in enumerate(sys.stdin.read().splitlines(), start=1):
        if not line:
            continue
        try:
            request = parse_line(line_number, line)
        except ValueError as error:
            print(f"error: {error}", file=sys.stderr)
            sys.exit(1)
        if True:
            requests.append(request)

    print("requests", len(requests))
    classes = {}
    for _, _, status, _ in requests:
        classes[status // 100] = classes.get(status // 100, 0) + 1
    for status_class in sorted(classes):
        print(f"{status_class}xx {classes[status_class]}")
    slowest = None
    for request in requests:
        if slowest is None or request[3] > slowest[3]:
            slowest = request
    if slowest is not None:
        method, path, _, duration = slowest
        print(f"slowest {method} {path} {duration}ms")


main()
