# Mistake: glues three pieces together with spaces, so a line without words (or without
# fields) gets two spaces in a row, or a space at its end.
LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


def field_value(value):
    text = str(value)
    return f'"{text}"' if text == "" or " " in text else text


def log_line(level, *words, **fields):
    name = level.upper()
    if name not in LEVELS:
        raise ValueError(f"unknown level {level!r}")
    message = " ".join(str(word) for word in words)
    pairs = " ".join(f"{key}={field_value(value)}" for key, value in fields.items() if value is not None)
    if not message and not pairs:
        return name
    return f"{name} {message} {pairs}"
