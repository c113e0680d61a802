import sys

# 1. Check the arguments: exactly one, a whole number from 1 to 100 (else exit code 2).
# 2. For each line of standard input: answer it (see the table in the instructions).
# 3. The right guess ends the game; running out of input loses it (exit code 1).

for line in sys.stdin:
    print("higher")
