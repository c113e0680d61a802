# Mistake: prints each line as soon as it is read, so a bad line further down leaves a
# half report on standard output. It also does not merge repeated products.
import csv
import sys
from decimal import Decimal, InvalidOperation

rows = csv.reader(sys.stdin)
if next(rows, None) != ["product", "quantity", "price"]:
    print("error: line 1: bad header", file=sys.stderr)
    sys.exit(1)
grand_total = Decimal(0)
for line_number, row in enumerate(rows, start=2):
    if not row:
        continue
    product, quantity_text, price_text = row
    try:
        total = int(quantity_text) * Decimal(price_text)
    except (ValueError, InvalidOperation):
        print(f"error: line {line_number}: bad number", file=sys.stderr)
        sys.exit(1)
    print(f"{product} {total:.2f}")
    grand_total += total
print(f"TOTAL {grand_total:.2f}")
