# Mistake: skips the first line without looking at it, so a file with the wrong header
# (or no header at all) is accepted.
import csv
import sys
from decimal import Decimal, InvalidOperation

rows = list(csv.reader(sys.stdin))
totals = {}
for line_number, row in enumerate(rows[1:], start=2):
    if not row:
        continue
    product, quantity_text, price_text = row
    if not quantity_text.isdigit():
        print(f"error: line {line_number}: bad quantity", file=sys.stderr)
        sys.exit(1)
    try:
        price = Decimal(price_text)
    except InvalidOperation:
        print(f"error: line {line_number}: bad price", file=sys.stderr)
        sys.exit(1)
    totals[product] = totals.get(product, Decimal(0)) + int(quantity_text) * price
for product, total in totals.items():
    print(f"{product} {total:.2f}")
print(f"TOTAL {sum(totals.values(), Decimal(0)):.2f}")
