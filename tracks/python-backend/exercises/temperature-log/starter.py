class LogError(Exception):
    """The log is mostly garbage."""


def read_log(lines):
    """Return (readings, bad_lines); raise LogError when more than half the data lines are bad."""
    readings = []
    bad_lines = []
    for line in lines:
        time, temperature = line.split()
        readings.append(float(temperature))
    return readings, bad_lines
