# Mistake: stops with exit code 1 on wrong input; the README asks for 2.
import math
import sys

ABSOLUTE_ZERO = {"C": -273.15, "F": -459.67}


def fail(message):
    print(f"error: {message}", file=sys.stderr)
    sys.exit(1)


args = sys.argv[1:]
if len(args) != 2:
    fail("usage: python3 solution.py VALUE UNIT")
text, unit = args[0], args[1].upper()
try:
    value = float(text)
except ValueError:
    fail(f"{text!r} is not a number")
if not math.isfinite(value):
    fail(f"{text!r} is not a temperature")
if unit not in ABSOLUTE_ZERO:
    fail(f"unknown unit {args[1]!r}")
if value < ABSOLUTE_ZERO[unit]:
    fail("below absolute zero")
if unit == "C":
    print(f"{value:.1f} °C = {value * 9 / 5 + 32:.1f} °F")
else:
    print(f"{value:.1f} °F = {(value - 32) * 5 / 9:.1f} °C")
