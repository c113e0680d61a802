# Mistake (off by one): raises LogError when half of the lines are bad, not only when more
# than half are.
import math


class LogError(Exception):
    pass


def read_log(lines):
    readings, bad_lines, data_lines = [], [], 0
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        data_lines += 1
        parts = text.split()
        try:
            value = float(parts[1]) if len(parts) == 2 else None
        except ValueError:
            value = None
        if value is None or not math.isfinite(value):
            bad_lines.append(number)
        else:
            readings.append(value)
    if data_lines and len(bad_lines) * 2 >= data_lines:
        raise LogError(f"{len(bad_lines)} of {data_lines} lines could not be read")
    return readings, bad_lines
