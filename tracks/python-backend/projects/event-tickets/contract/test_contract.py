"""The team's contract for the tickets package: what other code (the web layer, scripts,
a teammate's branch) relies on. Run by stage 12 against the learner's code."""
import pytest

from tickets import db
from tickets.errors import Conflict, Invalid, NotFound
from tickets.events import create_event, get_event, list_events, page_params
from tickets.export import attendees_csv
from tickets.orders import cancel_order, get_order, orders_for_event, place_order
from tickets.timeutil import parse_start


@pytest.fixture
def conn(tmp_path):
    connection = db.connect(str(tmp_path / "contract.db"))
    yield connection
    connection.close()


def event_data(**changes):
    return {"name": "Contract Night", "starts_at": "2031-06-01T18:00:00+02:00", "capacity": 3, "price_cents": 700, **changes}


def test_db_path_from_url_reads_sqlite_urls():
    assert db.path_from_url("sqlite:////data/app.db") == "/data/app.db"


def test_parse_start_returns_utc_text():
    assert parse_start("2031-06-01T18:00:00+02:00") == "2031-06-01T16:00:00Z"
    with pytest.raises(ValueError):
        parse_start("2031-06-01T18:00:00")


def test_create_event_returns_a_dict_with_tickets_left(conn):
    event = create_event(conn, event_data())
    assert event == {"id": event["id"], "name": "Contract Night", "starts_at": "2031-06-01T16:00:00Z", "capacity": 3, "price_cents": 700, "tickets_left": 3}
    assert get_event(conn, event["id"]) == event


def test_invalid_carries_a_dict_of_fields(conn):
    with pytest.raises(Invalid) as caught:
        create_event(conn, event_data(capacity=0))
    assert isinstance(caught.value.errors, dict) and "capacity" in caught.value.errors


def test_list_events_and_page_params(conn):
    create_event(conn, event_data())
    page = list_events(conn, 1, 20)
    assert set(page) == {"events", "page", "per_page", "total"}
    assert page_params(None, None) == (1, 20)


def test_orders_place_get_cancel(conn):
    event = create_event(conn, event_data())
    order = place_order(conn, event["id"], {"name": "Ada", "email": "ADA@example.com", "quantity": 2})
    assert order == {"id": order["id"], "event_id": event["id"], "name": "Ada", "email": "ada@example.com", "quantity": 2, "total_cents": 1400, "status": "active"}
    assert get_order(conn, order["id"]) == order
    with pytest.raises(Conflict):
        place_order(conn, event["id"], {"name": "Bo", "email": "bo@example.com", "quantity": 2})
    assert cancel_order(conn, order["id"])["status"] == "cancelled"
    assert [o["status"] for o in orders_for_event(conn, event["id"])] == ["cancelled"]
    with pytest.raises(NotFound):
        get_order(conn, 999999)


def test_attendees_csv_takes_the_orders_of_an_event(conn):
    event = create_event(conn, event_data())
    place_order(conn, event["id"], {"name": "Ada", "email": "ada@example.com", "quantity": 1})
    assert attendees_csv(orders_for_event(conn, event["id"])) == "name,email,tickets\r\nAda,ada@example.com,1\r\n"
