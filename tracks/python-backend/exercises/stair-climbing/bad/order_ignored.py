# Mistake: loops over the step sizes first and the stairs second (the "coin change"
# order), which counts each mix of steps once whatever its order: 1-2 and 2-1 become one
# climb, so 4 stairs with steps [1, 2] give 3 instead of 5.
def count_climbs(stairs, steps):
    ways = [1] + [0] * stairs
    for step in steps:
        for height in range(step, stairs + 1):
            ways[height] += ways[height - step]
    return ways[stairs]
