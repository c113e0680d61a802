# Mistake: rounds the amounts with round(x, 2) and prints the float, so 3.70 shows as 3.7
# and 6.00 as 6.0.
import sys


def fail(line_number, message):
    print(f"error: line {line_number}: {message}", file=sys.stderr)
    sys.exit(2)


articles = []
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
    articles.append((name, price, quantity))

total = 0.0
for name, price, quantity in articles:
    total += price * quantity
    print(f"{name}: {quantity} x {round(price, 2)} = {round(price * quantity, 2)}")
print(f"Total: {round(total, 2)}")
