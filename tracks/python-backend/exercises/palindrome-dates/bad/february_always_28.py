# Mistake: uses its own table of month lengths and forgets leap years, so 29 February
# 9220 (a leap year) is left out.
DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def palindrome_dates(first_year, last_year):
    for year in (first_year, last_year):
        if not 1000 <= year <= 9999:
            raise ValueError(f"years must be from 1000 to 9999, got {year}")
    dates = []
    for year in range(first_year, last_year + 1):
        month_day = str(year)[::-1]
        month, day = int(month_day[:2]), int(month_day[2:])
        if 1 <= month <= 12 and 1 <= day <= DAYS_IN_MONTH[month - 1]:
            dates.append(f"{year}-{month_day[:2]}-{month_day[2:]}")
    return dates
