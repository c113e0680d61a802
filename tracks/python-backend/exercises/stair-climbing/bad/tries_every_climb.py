# Mistake (too slow): tries every climb by recursion, without remembering any answer.
# Correct, but the number of calls grows like the answer itself: 40 stairs already take
# hundreds of millions of calls, and the CPU-time limit runs out.
def count_climbs(stairs, steps):
    if stairs == 0:
        return 1
    return sum(count_climbs(stairs - step, steps) for step in steps if step <= stairs)
