# Mistake: trusts float() completely, so "nan" and "inf" become readings.
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
            if len(parts) != 2:
                raise ValueError("not two parts")
            readings.append(float(parts[1]))
        except ValueError:
            bad_lines.append(number)
    if len(bad_lines) * 2 > data_lines:
        raise LogError(f"{len(bad_lines)} of {data_lines} lines could not be read")
    return readings, bad_lines
