# Mistake (too slow): walks through every day of every year. The answers are right, but
# 9,000 years are more than 3 million days: the CPU-time limit runs out.
from datetime import date, timedelta


def palindrome_dates(first_year, last_year):
    for year in (first_year, last_year):
        if not 1000 <= year <= 9999:
            raise ValueError(f"years must be from 1000 to 9999, got {year}")
    dates = []
    if first_year > last_year:
        return dates
    day = date(first_year, 1, 1)
    last_day = date(last_year, 12, 31)
    while True:
        digits = day.strftime("%Y%m%d")
        if digits == digits[::-1]:
            dates.append(day.isoformat())
        if day == last_day:
            return dates
        day += timedelta(days=1)
