def palindrome_dates(first_year, last_year):
    """Return the dates from first_year to last_year (both included) that read the same
    backwards as YYYYMMDD, as "YYYY-MM-DD" strings in calendar order."""
    dates = []
    # TODO: check the years, then find the palindrome dates of each year
    return dates
