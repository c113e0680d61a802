# Mistake: drops the empty lines before numbering, so after an empty line the error names
# the wrong line.
import csv
import sys
from decimal import Decimal, InvalidOperation


def fail(line_number, message):
    print(f"error: line {line_number}: {message}", file=sys.stderr)
    sys.exit(1)


rows = csv.reader(line for line in sys.stdin.read().splitlines() if line)
if next(rows, None) != ["product", "quantity", "price"]:
    fail(1, "the header must be product,quantity,price")
totals = {}
for line_number, row in enumerate(rows, start=2):
    if not row:
        continue
    if len(row) != 3:
        fail(line_number, f"expected 3 fields, got {len(row)}")
    product, quantity_text, price_text = row
    if not (quantity_text.isascii() and quantity_text.isdigit()):
        fail(line_number, f"quantity must be a whole number, got {quantity_text!r}")
    try:
        price = Decimal(price_text)
    except InvalidOperation:
        fail(line_number, f"price must be a number, got {price_text!r}")
    if not price.is_finite():
        fail(line_number, f"price must be a number, got {price_text!r}")
    totals[product] = totals.get(product, Decimal(0)) + int(quantity_text) * price

for product, total in totals.items():
    print(f"{product} {total:.2f}")
print(f"TOTAL {sum(totals.values(), Decimal(0)):.2f}")
