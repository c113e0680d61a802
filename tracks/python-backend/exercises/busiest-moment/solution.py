def busiest_moment(sessions):
    """Return (the most sessions online at once, the earliest moment that happens)."""
    events = []
    for start, end in sessions:
        events.append((start, 1))
        events.append((end, -1))
    # At the same moment, the sessions that end leave before the new ones arrive:
    # (moment, -1) sorts before (moment, 1).
    events.sort()
    online = most = 0
    when = None
    for moment, change in events:
        online += change
        if online > most:
            most, when = online, moment
    return most, when
