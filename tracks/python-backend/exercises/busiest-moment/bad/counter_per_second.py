# Mistake (too much memory): keeps a counter for every second up to the last end. Fine
# for small times, but times go up to a billion: a list that long does not fit in the
# memory limit.
def busiest_moment(sessions):
    if not sessions:
        return 0, None
    last = max(end for _, end in sessions)
    changes = [0] * (last + 1)
    for start, end in sessions:
        changes[start] += 1
        changes[end] -= 1
    online = most = 0
    when = None
    for moment, change in enumerate(changes):
        online += change
        if online > most:
            most, when = online, moment
    return most, when
