import sys

MAX_LIMIT = 2_000_000
USAGE = f"usage: solution.py LIMIT (a whole number from 1 to {MAX_LIMIT})"


def read_limit(args):
    try:
        limit = int(args[0]) if len(args) == 1 else 0
    except ValueError:
        limit = 0
    if not 1 <= limit <= MAX_LIMIT:
        print(USAGE, file=sys.stderr)
        sys.exit(2)
    return limit


def prime_flags(limit):
    """Sieve of Eratosthenes: is_prime[n] is True when n is prime, for 0 <= n <= limit."""
    is_prime = [True] * (limit + 1)
    is_prime[0] = False
    if limit >= 1:
        is_prime[1] = False
    for n in range(2, int(limit**0.5) + 1):
        if is_prime[n]:
            # Smaller multiples of n were crossed out by smaller primes already.
            for multiple in range(n * n, limit + 1, n):
                is_prime[multiple] = False
    return is_prime


limit = read_limit(sys.argv[1:])
is_prime = prime_flags(limit)
pairs = [p for p in range(2, limit - 1) if is_prime[p] and is_prime[p + 2]]
print("pairs", len(pairs))
if pairs:
    print("largest", pairs[-1], pairs[-1] + 2)
