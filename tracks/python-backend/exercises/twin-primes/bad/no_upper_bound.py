# Mistake: checks that the limit is a whole number of at least 1, but not that it is at
# most 2,000,000, so a limit of 2000001 is accepted.
import sys

args = sys.argv[1:]
try:
    limit = int(args[0]) if len(args) == 1 else 0
except ValueError:
    limit = 0
if limit < 1:
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

pairs = [p for p in range(2, limit - 1) if is_prime[p] and is_prime[p + 2]]
print("pairs", len(pairs))
if pairs:
    print("largest", pairs[-1], pairs[-1] + 2)
