# Mistake: forgets the empty list: min() of nothing raises ValueError.
def busiest_moment(sessions):
    events = []
    for start, end in sessions:
        events.append((start, 1))
        events.append((end, -1))
    events.sort()
    online = most = 0
    when = min(start for start, _ in sessions)
    for moment, change in events:
        online += change
        if online > most:
            most, when = online, moment
    return most, when
