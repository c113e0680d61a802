def log_line(level, *words, **fields):
    """Return 'LEVEL word word key=value ...' (see README.md)."""
    # words is a tuple of the extra arguments, fields a dict of the keyword arguments.
    return level
