# Mistake: writes whatever level it is given in capitals and never refuses one.
def field_value(value):
    text = str(value)
    return f'"{text}"' if text == "" or " " in text else text


def log_line(level, *words, **fields):
    parts = [level.upper()] + [str(word) for word in words]
    parts += [f"{key}={field_value(value)}" for key, value in fields.items() if value is not None]
    return " ".join(parts)
