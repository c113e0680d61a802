def count_climbs(stairs, steps):
    """Return how many sequences of the given step sizes add up to exactly `stairs`."""
    # ways[height] is the number of climbs that end on that stair; the empty climb ends on 0.
    ways = [1] + [0] * stairs
    for height in range(1, stairs + 1):
        # A climb to `height` is a climb to `height - step` followed by one last step.
        ways[height] = sum(ways[height - step] for step in steps if step <= height)
    return ways[stairs]
