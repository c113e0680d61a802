# Mistake: never quotes a value, so customer=Grace Hopper reads as a field and a word.
LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


def log_line(level, *words, **fields):
    name = level.upper()
    if name not in LEVELS:
        raise ValueError(f"unknown level {level!r}")
    parts = [name] + [str(word) for word in words]
    parts += [f"{key}={value}" for key, value in fields.items() if value is not None]
    return " ".join(parts)
