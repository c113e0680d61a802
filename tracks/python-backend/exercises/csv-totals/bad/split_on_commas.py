# Mistake: splits lines with str.split(","), which breaks quoted names like "Pens, blue".
import sys
from decimal import Decimal, InvalidOperation

lines = sys.stdin.read().splitlines()
if not lines or lines[0] != "product,quantity,price":
    print("error: line 1: bad header", file=sys.stderr)
    sys.exit(1)
totals = {}
for line_number, line in enumerate(lines[1:], start=2):
    if not line:
        continue
    fields = line.split(",")
    if len(fields) != 3 or not fields[1].isdigit():
        print(f"error: line {line_number}: bad line", file=sys.stderr)
        sys.exit(1)
    try:
        price = Decimal(fields[2])
    except InvalidOperation:
        print(f"error: line {line_number}: bad price", file=sys.stderr)
        sys.exit(1)
    totals[fields[0]] = totals.get(fields[0], Decimal(0)) + int(fields[1]) * price
for product, total in totals.items():
    print(f"{product} {total:.2f}")
print(f"TOTAL {sum(totals.values(), Decimal(0)):.2f}")
