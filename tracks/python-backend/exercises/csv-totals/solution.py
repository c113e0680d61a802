import csv
import sys
from decimal import Decimal, InvalidOperation

HEADER = ["product", "quantity", "price"]


def fail(line_number, message):
    print(f"error: line {line_number}: {message}", file=sys.stderr)
    sys.exit(1)


def read_order(lines):
    """Return {product: total} in order of first appearance; exit on the first bad line."""
    rows = csv.reader(lines)
    if next(rows, None) != HEADER:
        fail(1, f"the header must be {','.join(HEADER)}")
    totals = {}
    for line_number, row in enumerate(rows, start=2):
        if not row:
            continue
        if len(row) != 3:
            fail(line_number, f"expected 3 fields, got {len(row)}")
        product, quantity_text, price_text = row
        # isdigit() alone would accept "²", which int() refuses: only the digits 0 to 9.
        if not (quantity_text.isascii() and quantity_text.isdigit()):
            fail(line_number, f"quantity must be a whole number, got {quantity_text!r}")
        try:
            price = Decimal(price_text)
        except InvalidOperation:
            price = None
        if price is None or not price.is_finite():
            fail(line_number, f"price must be a number, got {price_text!r}")
        totals[product] = totals.get(product, Decimal(0)) + int(quantity_text) * price
    return totals


# Everything is checked before anything is printed, so a bad order prints no half report.
totals = read_order(sys.stdin.read().splitlines())
for product, total in totals.items():
    print(f"{product} {total:.2f}")
print(f"TOTAL {sum(totals.values(), Decimal(0)):.2f}")
