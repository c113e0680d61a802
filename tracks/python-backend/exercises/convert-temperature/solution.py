import math
import sys

ABSOLUTE_ZERO = {"C": -273.15, "F": -459.67}


def fail(message):
    print(f"error: {message}", file=sys.stderr)
    sys.exit(2)


args = sys.argv[1:]
if len(args) != 2:
    fail("usage: python3 solution.py VALUE UNIT   (for example: 21.5 C)")

text, unit = args[0], args[1].upper()

try:
    value = float(text)
except ValueError:
    fail(f"{text!r} is not a number")

if not math.isfinite(value):
    fail(f"{text!r} is not a temperature")
if unit not in ABSOLUTE_ZERO:
    fail(f"unknown unit {args[1]!r}: use C or F")
if value < ABSOLUTE_ZERO[unit]:
    fail(f"{value:.1f} °{unit} is below absolute zero ({ABSOLUTE_ZERO[unit]} °{unit})")

if unit == "C":
    print(f"{value:.1f} °C = {value * 9 / 5 + 32:.1f} °F")
else:
    print(f"{value:.1f} °F = {(value - 32) * 5 / 9:.1f} °C")
