# Mistake (off by one): starts counting on the due date itself, so a book returned on
# the day it is due already costs 25 cents.
from datetime import date, timedelta


def late_fee(borrowed, returned, loan_days=21):
    if loan_days < 1:
        raise ValueError(f"loan_days must be 1 or more, got {loan_days}")
    borrowed_on = date.fromisoformat(borrowed)
    returned_on = date.fromisoformat(returned)
    if returned_on < borrowed_on:
        raise ValueError("returned before it was borrowed")
    day = borrowed_on + timedelta(days=loan_days)
    late_days = 0
    while day <= returned_on:
        if day.weekday() != 6:
            late_days += 1
        day += timedelta(days=1)
    return min(late_days * 25, 1500)
