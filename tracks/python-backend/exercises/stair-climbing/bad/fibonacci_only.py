# Mistake: remembers that steps of 1 and 2 give Fibonacci numbers, and ignores the step
# sizes it is given.
def count_climbs(stairs, steps):
    previous, current = 1, 1
    for _ in range(stairs - 1):
        previous, current = current, previous + current
    return current
