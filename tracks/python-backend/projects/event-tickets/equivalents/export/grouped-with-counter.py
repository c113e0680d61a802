"""The attendee list as CSV, written another way: the same behaviour as tickets/export.py."""
import csv
import io
from collections import Counter

DANGEROUS = "=+-@"


def _safe(text):
    if text[:1] and text[0] in DANGEROUS:
        return "'" + text
    return text


def attendees_csv(orders):
    tickets = Counter()
    names = {}
    for order in orders:
        if order["status"] == "cancelled":
            continue
        names.setdefault(order["email"], order["name"])
        tickets[order["email"]] += order["quantity"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["name", "email", "tickets"])
    for email in sorted(names, key=lambda e: (names[e].casefold(), e)):
        writer.writerow([_safe(names[email]), _safe(email), tickets[email]])
    return out.getvalue()
