# Mistake: takes weekday() == 0 for Sunday, but weekday() counts from Monday (0) to
# Sunday (6): Mondays go free and Sundays are charged.
from datetime import date, timedelta


def late_fee(borrowed, returned, loan_days=21):
    if loan_days < 1:
        raise ValueError(f"loan_days must be 1 or more, got {loan_days}")
    borrowed_on = date.fromisoformat(borrowed)
    returned_on = date.fromisoformat(returned)
    if returned_on < borrowed_on:
        raise ValueError("returned before it was borrowed")
    due = borrowed_on + timedelta(days=loan_days)
    late_days = 0
    day = due + timedelta(days=1)
    while day <= returned_on:
        if day.weekday() != 0:
            late_days += 1
        day += timedelta(days=1)
    return min(late_days * 25, 1500)
