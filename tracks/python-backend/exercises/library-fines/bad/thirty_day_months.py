# Mistake: works out the due date by hand, taking every month as 30 days long, so due
# dates near the end of a month (and in February) are wrong.
from datetime import date, timedelta


def late_fee(borrowed, returned, loan_days=21):
    if loan_days < 1:
        raise ValueError(f"loan_days must be 1 or more, got {loan_days}")
    borrowed_on = date.fromisoformat(borrowed)
    returned_on = date.fromisoformat(returned)
    if returned_on < borrowed_on:
        raise ValueError("returned before it was borrowed")
    year, month, day = borrowed_on.year, borrowed_on.month, borrowed_on.day + loan_days
    while day > 30:
        day -= 30
        month += 1
        if month > 12:
            month, year = 1, year + 1
    due = date(year, month, min(day, 28 if month == 2 else 30))
    late_days = 0
    current = due + timedelta(days=1)
    while current <= returned_on:
        if current.weekday() != 6:
            late_days += 1
        current += timedelta(days=1)
    return min(late_days * 25, 1500)
