import sys

# 1. Check the arguments: nothing, or "--prefix PREFIX" (otherwise exit code 2).
# 2. Read and check every line (otherwise "error: line N: ..." and exit code 1).
# 3. Print requests, the status classes, and the slowest request.

for line in sys.stdin:
    print(line.split())
