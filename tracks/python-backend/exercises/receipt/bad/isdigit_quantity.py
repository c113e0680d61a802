# Mistake: checks the quantity with str.isdigit(), which says yes to "²"; int("²") then
# crashes with a traceback and exit code 1 instead of an error message and exit code 2.
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
    if not quantity_text.isdigit() or int(quantity_text) < 1:
        fail(number, "the quantity is not a whole number of at least 1")
    articles.append((name, price, int(quantity_text)))

total = 0.0
for name, price, quantity in articles:
    total += price * quantity
    print(f"{name}: {quantity} x {price:.2f} = {price * quantity:.2f}")
print(f"Total: {total:.2f}")
