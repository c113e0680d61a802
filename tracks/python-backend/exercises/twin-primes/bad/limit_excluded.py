# Mistake (off by one): only counts pairs whose larger number is *below* the limit, so a
# pair that ends exactly at the limit (17 19 for a limit of 19) is missing.
import sys

args = sys.argv[1:]
try:
    limit = int(args[0]) if len(args) == 1 else 0
except ValueError:
    limit = 0
if not 1 <= limit <= 2_000_000:
    print("usage: solution.py LIMIT (a whole number from 1 to 2000000)", file=sys.stderr)
    sys.exit(2)

is_prime = [True] * (limit + 1)
is_prime[0] = False
if limit >= 1:
    is_prime[1] = False
for n in range(2, int(limit**0.5) + 1):
    if is_prime[n]:
        for multiple in range(n * n, limit + 1, n):
            is_prime[multiple] = False

pairs = [p for p in range(2, limit - 2) if is_prime[p] and is_prime[p + 2]]
print("pairs", len(pairs))
if pairs:
    print("largest", pairs[-1], pairs[-1] + 2)
