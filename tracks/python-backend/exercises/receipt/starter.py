import sys

# 1. Read every line of standard input (sys.stdin.read().splitlines()).
# 2. Check each line and keep (name, price, quantity); on the first wrong line, print
#    "error: line N: ..." on sys.stderr and sys.exit(2) -- before printing anything else.
# 3. Print one line per article, then the total, money with two decimals.

for line in sys.stdin:
    print(line.strip())
