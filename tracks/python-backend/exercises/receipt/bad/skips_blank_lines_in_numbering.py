# Mistake (off by one): removes the blank lines before numbering the lines, so an error
# after a blank line names the wrong line.
import sys


def fail(line_number, message):
    print(f"error: line {line_number}: {message}", file=sys.stderr)
    sys.exit(2)


lines = [line for line in sys.stdin.read().splitlines() if line.strip()]
articles = []
for number, line in enumerate(lines, start=1):
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
    print(f"{name}: {quantity} x {price:.2f} = {price * quantity:.2f}")
print(f"Total: {total:.2f}")
