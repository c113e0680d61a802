# Mistake: treats 0 stairs as "no way to climb", while the instructions count the empty
# climb as one way.
def count_climbs(stairs, steps):
    if stairs == 0:
        return 0
    ways = [1] + [0] * stairs
    for height in range(1, stairs + 1):
        ways[height] = sum(ways[height - step] for step in steps if step <= height)
    return ways[stairs]
