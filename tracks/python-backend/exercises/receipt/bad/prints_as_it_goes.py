# Mistake: prints each article as soon as its line is read, so when a later line is
# wrong, the good lines before it have already been printed.
import sys


def fail(line_number, message):
    print(f"error: line {line_number}: {message}", file=sys.stderr)
    sys.exit(2)


total = 0.0
for number, line in enumerate(sys.stdin.read().splitlines(), start=1):
    if not line.strip():
        continue
    fields = [field.strip() for field in line.split(",")]
    if len(fields) != 3:
        fail(number, "expected NAME,PRICE,QUANTITY")
    name, price_text, quantity_text = fields
    try:
        price = float(price_text)
    except ValueError:
        fail(number, "the price is not a number")
    if price < 0:
        fail(number, "the price is negative")
    try:
        quantity = int(quantity_text)
    except ValueError:
        quantity = 0
    if quantity < 1:
        fail(number, "the quantity is not a whole number of at least 1")
    total += price * quantity
    print(f"{name}: {quantity} x {price:.2f} = {price * quantity:.2f}")
print(f"Total: {total:.2f}")
