"""Orders: buy tickets for an event, read an order, cancel it."""
from .errors import Conflict, Invalid, NotFound
from .events import get_event

MAX_QUANTITY = 10


def validate_order(data):
    if not isinstance(data, dict):
        raise Invalid({"body": "send a JSON object"})
    errors = {}
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        errors["name"] = "required"
    email = data.get("email")
    if not isinstance(email, str) or "@" not in email.strip() or len(email.strip()) > 254:
        errors["email"] = "an email address"
    quantity = data.get("quantity")
    if not isinstance(quantity, int) or isinstance(quantity, bool) or not 1 <= quantity <= MAX_QUANTITY:
        errors["quantity"] = f"a whole number from 1 to {MAX_QUANTITY}"
    if errors:
        raise Invalid(errors)
    return {"name": name.strip(), "email": email.strip().lower(), "quantity": quantity}


def _as_dict(row):
    return {key: row[key] for key in ("id", "event_id", "name", "email", "quantity", "total_cents", "status")}


def place_order(conn, event_id, data):
    """Sells `quantity` tickets when that many are left; raises Conflict when not."""
    event = get_event(conn, event_id)
    order = validate_order(data)
    if order["quantity"] > event["tickets_left"]:
        raise Conflict("sold out", tickets_left=event["tickets_left"])
    cur = conn.execute(
        "INSERT INTO orders (event_id, name, email, quantity, total_cents) VALUES (?, ?, ?, ?, ?)",
        (event_id, order["name"], order["email"], order["quantity"], order["quantity"] * event["price_cents"]),
    )
    conn.commit()
    return get_order(conn, cur.lastrowid)


def get_order(conn, order_id):
    row = conn.execute("SELECT * FROM orders WHERE id = ?", (order_id,)).fetchone()
    if row is None:
        raise NotFound(f"no order with id {order_id}")
    return _as_dict(row)


def cancel_order(conn, order_id):
    order = get_order(conn, order_id)
    if order["status"] == "cancelled":
        raise Conflict("this order is already cancelled")
    conn.execute("UPDATE orders SET status = 'cancelled' WHERE id = ?", (order_id,))
    conn.commit()
    return get_order(conn, order_id)


def orders_for_event(conn, event_id):
    """Every order of the event, cancelled ones included, oldest first."""
    get_event(conn, event_id)
    rows = conn.execute("SELECT * FROM orders WHERE event_id = ? ORDER BY id", (event_id,)).fetchall()
    return [_as_dict(row) for row in rows]
