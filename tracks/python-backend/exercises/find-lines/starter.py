import sys

USAGE = "usage: solution.py [-i] [-n] PATTERN [FILE ...]"

# 1. Read the options (-i, -n) from the front of the arguments, then PATTERN, then the files.
# 2. Go through standard input (no files) or each file, printing the lines that contain PATTERN.
# 3. Report missing files on standard error, keep going, and exit with 0, 1 or 2.

pattern = sys.argv[1]
for line in sys.stdin:
    if pattern in line:
        print(line, end="")
