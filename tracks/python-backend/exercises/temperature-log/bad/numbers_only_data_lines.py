# Mistake: removes blank and comment lines before numbering, so line numbers after them
# are too small.
import math


class LogError(Exception):
    pass


def read_log(lines):
    data = [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]
    readings, bad_lines = [], []
    for number, text in enumerate(data, start=1):
        parts = text.split()
        try:
            value = float(parts[1]) if len(parts) == 2 else None
        except ValueError:
            value = None
        if value is None or not math.isfinite(value):
            bad_lines.append(number)
        else:
            readings.append(value)
    if len(bad_lines) * 2 > len(data):
        raise LogError(f"{len(bad_lines)} of {len(data)} lines could not be read")
    return readings, bad_lines
