# Mistake (off by one): range(first_year, last_year) stops before last_year.
from datetime import date


def palindrome_dates(first_year, last_year):
    for year in (first_year, last_year):
        if not 1000 <= year <= 9999:
            raise ValueError(f"years must be from 1000 to 9999, got {year}")
    dates = []
    for year in range(first_year, last_year):
        month_day = str(year)[::-1]
        try:
            day = date(year, int(month_day[:2]), int(month_day[2:]))
        except ValueError:
            continue
        dates.append(day.isoformat())
    return dates
