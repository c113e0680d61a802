# Mistake (off by one): accepts an entry of 60 minutes, which should be written as 1 hour.
def total_time(entries):
    total_minutes = 0
    for task, hours, minutes in entries:
        if hours < 0:
            raise ValueError(f"{task}: hours must be 0 or more, got {hours}")
        if not 0 <= minutes <= 60:
            raise ValueError(f"{task}: minutes must be from 0 to 59, got {minutes}")
        total_minutes += hours * 60 + minutes
    return divmod(total_minutes, 60)
