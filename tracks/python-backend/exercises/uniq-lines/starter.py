import sys

# 1. Check the arguments: nothing, or "-c". Anything else: usage message, exit code 2.
# 2. Go through the lines, comparing each one with the line just before it.
# 3. Print one line per run of equal lines (with its length for -c).

for line in sys.stdin:
    print(line, end="")
