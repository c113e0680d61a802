# Mistake (too slow): checks each number on its own by dividing it by every number up to
# its square root. Right answers, but two million numbers take far longer than the
# CPU-time limit allows.
import sys

args = sys.argv[1:]
try:
    limit = int(args[0]) if len(args) == 1 else 0
except ValueError:
    limit = 0
if not 1 <= limit <= 2_000_000:
    print("usage: solution.py LIMIT (a whole number from 1 to 2000000)", file=sys.stderr)
    sys.exit(2)


def is_prime(n):
    if n < 2:
        return False
    divisor = 2
    while divisor * divisor <= n:
        if n % divisor == 0:
            return False
        divisor += 1
    return True


count = 0
largest = None
for p in range(2, limit - 1):
    if is_prime(p) and is_prime(p + 2):
        count += 1
        largest = p
print("pairs", count)
if largest is not None:
    print("largest", largest, largest + 2)
