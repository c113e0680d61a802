# Mistake (too slow): for each session's start, counts how many sessions are online at
# that moment by looking at every session. Right answers, but 30,000 sessions make
# 900 million checks, and the CPU-time limit runs out.
def busiest_moment(sessions):
    most, when = 0, None
    for start, _ in sessions:
        online = 0
        for other_start, other_end in sessions:
            if other_start <= start < other_end:
                online += 1
        if online > most or (online == most and when is not None and start < when):
            most, when = online, start
    return most, when
