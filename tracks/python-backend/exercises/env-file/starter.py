import sys

# 1. Exactly one argument, the file name (otherwise: usage message, exit code 2).
# 2. Read the file (a missing file: "error: FILE: no such file", exit code 1).
# 3. Check every line and collect the settings; stop at the first problem.
# 4. Print NAME=value lines sorted by name.

path = sys.argv[1]
with open(path) as file:
    for line in file:
        print(line, end="")
