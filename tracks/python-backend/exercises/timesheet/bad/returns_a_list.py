# Mistake: returns a list [hours, minutes] instead of a tuple (hours, minutes).
def total_time(entries):
    total_minutes = 0
    for task, hours, minutes in entries:
        if hours < 0:
            raise ValueError(f"{task}: hours must be 0 or more, got {hours}")
        if not 0 <= minutes <= 59:
            raise ValueError(f"{task}: minutes must be from 0 to 59, got {minutes}")
        total_minutes += hours * 60 + minutes
    return [total_minutes // 60, total_minutes % 60]
