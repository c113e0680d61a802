"""a name with a comma or a quote stays one field, quoted"""
HEADER = ("name", "email", "tickets")
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
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
    rows = sorted(attendees.values(), key=lambda a: (a["name"].casefold(), a["email"]))
    lines = [",".join(HEADER)]
    for attendee in rows:
        lines.append(",".join((_cell(attendee["name"]), _cell(attendee["email"]), str(attendee["tickets"]))))
    return "\r\n".join(lines) + "\r\n"
