import math


class LogError(Exception):
    """The log is mostly garbage."""


def parse_temperature(line):
    """The temperature of a data line, or None when the line is bad."""
    parts = line.split()
    if len(parts) != 2:
        return None
    try:
        value = float(parts[1])
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def read_log(lines):
    """Return (readings, bad_lines); raise LogError when more than half the data lines are bad."""
    readings = []
    bad_lines = []
    data_lines = 0
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        data_lines += 1
        value = parse_temperature(text)
        if value is None:
            bad_lines.append(number)
        else:
            readings.append(value)
    if len(bad_lines) * 2 > data_lines:
        raise LogError(f"{len(bad_lines)} of {data_lines} lines could not be read")
    return readings, bad_lines
