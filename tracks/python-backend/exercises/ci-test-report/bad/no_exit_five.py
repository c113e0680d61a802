# Mistake: exits with 0 when there was no test at all, so an empty run passes the gate.
import re
import sys

LINE = re.compile(r"(PASS|FAIL|SKIP|ERROR) (\S+) ([0-9]+)(?:\.([0-9]{1,2}))?")


def read_results(text):
    """Return ({name: last status}, total hundredths of a second); exit 3 on a bad line."""
    last = {}
    hundredths = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if line == "":
            continue
        match = LINE.fullmatch(line)
        if match is None or not match.group(3).isascii():
            print(f"error: line {number}: expected 'STATUS NAME SECONDS', got {line!r}", file=sys.stderr)
            sys.exit(3)
        status, name, whole, decimals = match.groups()
        last[name] = status  # a rerun replaces the earlier result; the name keeps its place
        # Hundredths as whole numbers: no float rounding surprises in the total.
        hundredths += int(whole) * 100 + int((decimals or "").ljust(2, "0"))
    return last, hundredths


def main():
    if len(sys.argv) > 1:
        print("usage: solution.py < results.txt", file=sys.stderr)
        sys.exit(4)
    last, hundredths = read_results(sys.stdin.read())
    statuses = list(last.values())
    for name, status in last.items():
        if status == "FAIL":
            print(f"FAILED {name}")
    for name, status in last.items():
        if status == "ERROR":
            print(f"ERROR {name}")
    print(
        f"total={len(statuses)} passed={statuses.count('PASS')} failed={statuses.count('FAIL')}"
        f" errors={statuses.count('ERROR')} skipped={statuses.count('SKIP')}"
        f" time={hundredths // 100}.{hundredths % 100:02d}s"
    )
    if "FAIL" in statuses or "ERROR" in statuses:
        sys.exit(1)


main()
