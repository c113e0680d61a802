# Mistake: never checks that the years are from 1000 to 9999, so palindrome_dates(999, 2000)
# quietly answers instead of raising ValueError.
from datetime import date


def palindrome_dates(first_year, last_year):
    dates = []
    for year in range(first_year, last_year + 1):
        month_day = str(year).zfill(4)[::-1]
        try:
            day = date(year, int(month_day[:2]), int(month_day[2:]))
        except ValueError:
            continue
        dates.append(day.isoformat())
    return dates
