# Mistake: counts and checks line by line, and prints a partial summary before it finds a
# bad line further down. It also splits on any whitespace, so double spaces slip through.
import sys

prefix = ""
args = sys.argv[1:]
if args:
    if args[0] != "--prefix" or len(args) != 2:
        print("error: bad arguments", file=sys.stderr)
        sys.exit(2)
    prefix = args[1]

count = 0
classes = {}
slowest = None
for line_number, line in enumerate(sys.stdin.read().splitlines(), start=1):
    if not line:
        continue
    fields = line.split()
    if len(fields) != 4 or not fields[2].isdigit() or not fields[3].isdigit() or not 100 <= int(fields[2]) <= 599:
        print(f"requests {count}")
        print(f"error: line {line_number}: bad line", file=sys.stderr)
        sys.exit(1)
    if not fields[1].startswith(prefix):
        continue
    count += 1
    classes[int(fields[2]) // 100] = classes.get(int(fields[2]) // 100, 0) + 1
    if slowest is None or int(fields[3]) > int(slowest[3]):
        slowest = fields
print("requests", count)
for c in sorted(classes):
    print(f"{c}xx {classes[c]}")
if slowest:
    print(f"slowest {slowest[0]} {slowest[1]} {slowest[3]}ms")
