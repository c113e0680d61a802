# Mistake: charges every day late, Sundays included: it simply subtracts the dates.
from datetime import date, timedelta


def late_fee(borrowed, returned, loan_days=21):
    if loan_days < 1:
        raise ValueError(f"loan_days must be 1 or more, got {loan_days}")
    borrowed_on = date.fromisoformat(borrowed)
    returned_on = date.fromisoformat(returned)
    if returned_on < borrowed_on:
        raise ValueError("returned before it was borrowed")
    late_days = (returned_on - (borrowed_on + timedelta(days=loan_days))).days
    return min(max(late_days, 0) * 25, 1500)
