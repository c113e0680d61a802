from datetime import date, timedelta

FEE_PER_DAY = 25
MAX_FEE = 1500
SUNDAY = 6  # date.weekday(): Monday is 0, Sunday is 6


def late_fee(borrowed, returned, loan_days=21):
    """The late fee in cents: 25 a day after the due date, Sundays free, at most 1500."""
    if loan_days < 1:
        raise ValueError(f"loan_days must be 1 or more, got {loan_days}")
    borrowed_on = date.fromisoformat(borrowed)
    returned_on = date.fromisoformat(returned)
    if returned_on < borrowed_on:
        raise ValueError(f"returned on {returned}, before it was borrowed on {borrowed}")
    due = borrowed_on + timedelta(days=loan_days)
    late_days = 0
    day = due + timedelta(days=1)
    while day <= returned_on:
        if day.weekday() != SUNDAY:
            late_days += 1
        day += timedelta(days=1)
    return min(late_days * FEE_PER_DAY, MAX_FEE)
