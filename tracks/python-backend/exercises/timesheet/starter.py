def total_time(entries):
    """Add up (task, hours, minutes) entries; return (hours, minutes) with minutes 0-59."""
    hours = 0
    minutes = 0
    # For each entry: check it, then add it up.
    return [hours, minutes]
