# Mistake: builds the text with f"{year}-{month}-{day}", which drops the zeros:
# "2090-9-2" instead of "2090-09-02".
from datetime import date


def palindrome_dates(first_year, last_year):
    for year in (first_year, last_year):
        if not 1000 <= year <= 9999:
            raise ValueError(f"years must be from 1000 to 9999, got {year}")
    dates = []
    for year in range(first_year, last_year + 1):
        month_day = str(year)[::-1]
        try:
            day = date(year, int(month_day[:2]), int(month_day[2:]))
        except ValueError:
            continue
        dates.append(f"{day.year}-{day.month}-{day.day}")
    return dates
