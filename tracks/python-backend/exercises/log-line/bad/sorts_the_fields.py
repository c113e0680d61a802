# Mistake: sorts the fields by name instead of keeping the order of the call.
LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


def field_value(value):
    text = str(value)
    return f'"{text}"' if text == "" or " " in text else text


def log_line(level, *words, **fields):
    name = level.upper()
    if name not in LEVELS:
        raise ValueError(f"unknown level {level!r}")
    parts = [name] + [str(word) for word in words]
    parts += [f"{key}={field_value(fields[key])}" for key in sorted(fields) if fields[key] is not None]
    return " ".join(parts)
