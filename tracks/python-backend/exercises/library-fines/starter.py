from datetime import date, timedelta


def late_fee(borrowed, returned, loan_days=21):
    """The late fee in cents: 25 a day after the due date, Sundays free, at most 1500."""
    borrowed_on = date.fromisoformat(borrowed)
    returned_on = date.fromisoformat(returned)
    due = borrowed_on + timedelta(days=loan_days)
    return 0
