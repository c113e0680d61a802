"""an event without attendees still gives the header line"""
import csv
import io

HEADER = ("name", "email", "tickets")
FORMULA_STARTS = ("=", "+", "-", "@")


def _cell(text):
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def attendees_csv(orders):
    attendees = {}
    for order in orders:
        if order["status"] != "active":
            continue
        attendee = attendees.setdefault(order["email"], {"name": order["name"], "email": order["email"], "tickets": 0})
        attendee["tickets"] += order["quantity"]
    if not attendees:
        return ""
    rows = sorted(attendees.values(), key=lambda a: (a["name"].casefold(), a["email"]))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for attendee in rows:
        writer.writerow((_cell(attendee["name"]), _cell(attendee["email"]), attendee["tickets"]))
    return out.getvalue()
