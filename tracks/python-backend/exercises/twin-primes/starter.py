import sys

# 1. Check the argument: one whole number from 1 to 2000000 (otherwise exit code 2).
# 2. Find every prime up to LIMIT. Dividing each number on its own is too slow for
#    2,000,000 numbers: cross out multiples instead.
# 3. Count the pairs P, P + 2 that are both prime, and print the largest.

limit = int(sys.argv[1])
print("pairs", 0)
