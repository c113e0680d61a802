# Mistake: updates the peak when the count equals the best so far (>= instead of >), so
# it returns the last moment of the peak instead of the earliest.
def busiest_moment(sessions):
    events = []
    for start, end in sessions:
        events.append((start, 1))
        events.append((end, -1))
    events.sort()
    online = most = 0
    when = None
    for moment, change in events:
        online += change
        if online >= most and change == 1:
            most, when = online, moment
    return most, when
