# Mistake: keeps the counts as floats (1.0 instead of 1), which round once the answers
# pass 2**53: the answer for 300 stairs is a float and its last digits are wrong.
def count_climbs(stairs, steps):
    ways = [1.0] + [0.0] * stairs
    for height in range(1, stairs + 1):
        ways[height] = sum(ways[height - step] for step in steps if step <= height)
    return ways[stairs]
