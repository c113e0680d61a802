import sys

# sys.argv[0] is the name of the script; the arguments follow it.
args = sys.argv[1:]

# 1. Check that there are exactly two arguments.
# 2. Turn the first into a float (it may not be a number!).
# 3. Check the unit, convert, and print "21.5 °C = 70.7 °F".
# Every error: a message starting with "error: " on sys.stderr, then sys.exit(2).

print(args)
