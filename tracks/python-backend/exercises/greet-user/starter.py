import sys

# 1. Read the first line of standard input and strip the spaces around it.
# 2. Pick the greeting: sys.argv[1] if it was given, else "Hello".
# 3. Print "GREETING, NAME!" -- or, when the name is empty, an error on
#    standard error and exit code 1.

print("Hello, world!")
