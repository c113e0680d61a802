import math
import sys


def fail(line_number, message):
    print(f"error: line {line_number}: {message}", file=sys.stderr)
    sys.exit(2)


def parse(line_number, line):
    fields = [field.strip() for field in line.split(",")]
    if len(fields) != 3:
        fail(line_number, f"expected NAME,PRICE,QUANTITY, got {line!r}")
    name, price_text, quantity_text = fields
    try:
        price = float(price_text)
    except ValueError:
        fail(line_number, f"the price {price_text!r} is not a number")
    if not math.isfinite(price) or price < 0:
        fail(line_number, f"the price {price_text!r} is not a price")
    try:
        quantity = int(quantity_text)
    except ValueError:
        quantity = 0
    if quantity < 1:
        fail(line_number, f"the quantity {quantity_text!r} is not a whole number of at least 1")
    return name, price, quantity


articles = []
for number, line in enumerate(sys.stdin.read().splitlines(), start=1):
    if line.strip():
        articles.append(parse(number, line))

total = 0.0
for name, price, quantity in articles:
    line_total = price * quantity
    total += line_total
    print(f"{name}: {quantity} x {price:.2f} = {line_total:.2f}")
print(f"Total: {total:.2f}")
