LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


def field_value(value):
    text = str(value)
    if text == "" or " " in text:
        return f'"{text}"'
    return text


def log_line(level, *words, **fields):
    """Return 'LEVEL word word key=value ...' (see README.md)."""
    name = level.upper()
    if name not in LEVELS:
        raise ValueError(f"unknown level {level!r}: use one of {', '.join(LEVELS).lower()}")
    parts = [name]
    parts.extend(str(word) for word in words)
    parts.extend(f"{key}={field_value(value)}" for key, value in fields.items() if value is not None)
    return " ".join(parts)
