"""Events: create, read and list them, one page at a time."""
from .errors import Invalid, NotFound
from .timeutil import parse_start

MAX_NAME = 100
MAX_CAPACITY = 100_000
MAX_PER_PAGE = 100


def _is_int(value):
    # bool is a subclass of int: true must not count as 1 seat.
    return isinstance(value, int) and not isinstance(value, bool)


def validate_event(data):
    """The fields of a new event, checked; raises Invalid naming every bad field."""
    if not isinstance(data, dict):
        raise Invalid({"body": "send a JSON object"})
    errors = {}
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        errors["name"] = "required"
    elif len(name.strip()) > MAX_NAME:
        errors["name"] = f"at most {MAX_NAME} characters"
    starts_at = None
    try:
        starts_at = parse_start(data.get("starts_at"))
    except ValueError as error:
        errors["starts_at"] = str(error) if "offset" in str(error) else "an ISO 8601 time with an offset, such as 2031-06-01T18:00:00+02:00"
    capacity = data.get("capacity")
    if not _is_int(capacity) or not 1 <= capacity <= MAX_CAPACITY:
        errors["capacity"] = f"a whole number from 1 to {MAX_CAPACITY}"
    price = data.get("price_cents")
    if not _is_int(price) or price < 0:
        errors["price_cents"] = "a whole number of cents, 0 or more"
    if errors:
        raise Invalid(errors)
    return {"name": name.strip(), "starts_at": starts_at, "capacity": capacity, "price_cents": price}


def _tickets_sold(conn, event_id):
    row = conn.execute("SELECT COALESCE(SUM(quantity), 0) FROM orders WHERE event_id = ? AND status = 'active'", (event_id,)).fetchone()
    return row[0]


def _as_dict(conn, row):
    return {
        "id": row["id"],
        "name": row["name"],
        "starts_at": row["starts_at"],
        "capacity": row["capacity"],
        "price_cents": row["price_cents"],
        "tickets_left": row["capacity"] - _tickets_sold(conn, row["id"]),
    }


def create_event(conn, data):
    event = validate_event(data)
    cur = conn.execute(
        "INSERT INTO events (name, starts_at, capacity, price_cents) VALUES (?, ?, ?, ?)",
        (event["name"], event["starts_at"], event["capacity"], event["price_cents"]),
    )
    conn.commit()
    return get_event(conn, cur.lastrowid)


def get_event(conn, event_id):
    row = conn.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone()
    if row is None:
        raise NotFound(f"no event with id {event_id}")
    return _as_dict(conn, row)


def page_params(page, per_page):
    """Reads ?page= and ?per_page= (strings or None); raises Invalid when either is wrong."""
    errors = {}
    values = {}
    for field, raw, default, high in (("page", page, 1, None), ("per_page", per_page, 20, MAX_PER_PAGE)):
        if raw is None:
            values[field] = default
            continue
        try:
            number = int(raw)
        except (TypeError, ValueError):
            number = 0
        if number < 1 or (high is not None and number > high):
            errors[field] = "a whole number from 1" + (f" to {high}" if high else " up")
        values[field] = number
    if errors:
        raise Invalid(errors)
    return values["page"], values["per_page"]


def list_events(conn, page=1, per_page=20):
    """One page of events, soonest first (ties by id), with the total count."""
    offset = (page - 1) * per_page
    rows = conn.execute("SELECT * FROM events ORDER BY starts_at, id LIMIT ? OFFSET ?", (per_page, offset)).fetchall()
    total = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    return {"events": [_as_dict(conn, row) for row in rows], "page": page, "per_page": per_page, "total": total}
