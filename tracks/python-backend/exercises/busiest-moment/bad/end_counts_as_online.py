# Mistake: lets a new session arrive before the ones that end at the same moment leave
# (it sorts +1 before -1), as if a session were still online at its end: (0, 10) and
# (10, 20) count as two at once.
def busiest_moment(sessions):
    events = []
    for start, end in sessions:
        events.append((start, 0))
        events.append((end, 1))
    events.sort()
    online = most = 0
    when = None
    for moment, kind in events:
        online += 1 if kind == 0 else -1
        if online > most:
            most, when = online, moment
    return most, when
