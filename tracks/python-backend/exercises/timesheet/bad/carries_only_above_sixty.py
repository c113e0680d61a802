# Mistake (off by one): carries an hour only while the minutes are above 60, so exactly 60
# minutes stay (0, 60) instead of (1, 0).
def total_time(entries):
    total_hours = 0
    total_minutes = 0
    for task, hours, minutes in entries:
        if hours < 0:
            raise ValueError(f"{task}: hours must be 0 or more, got {hours}")
        if not 0 <= minutes <= 59:
            raise ValueError(f"{task}: minutes must be from 0 to 59, got {minutes}")
        total_hours += hours
        total_minutes += minutes
        while total_minutes > 60:
            total_hours += 1
            total_minutes -= 60
    return (total_hours, total_minutes)
