# Mistake: accepts any month from 1 to 12 and any day from 1 to 31, so dates that do not
# exist, such as 31 February 1320, are in the list.
def palindrome_dates(first_year, last_year):
    for year in (first_year, last_year):
        if not 1000 <= year <= 9999:
            raise ValueError(f"years must be from 1000 to 9999, got {year}")
    dates = []
    for year in range(first_year, last_year + 1):
        month_day = str(year)[::-1]
        month, day = int(month_day[:2]), int(month_day[2:])
        if 1 <= month <= 12 and 1 <= day <= 31:
            dates.append(f"{year}-{month_day[:2]}-{month_day[2:]}")
    return dates
