import pytest

from tickets.errors import Conflict, Invalid
from tickets.events import create_event, get_event
from tickets.orders import cancel_order, orders_for_event, place_order


@pytest.fixture
def event(conn, concert):
    return create_event(conn, concert)


def test_an_order_costs_the_price_times_the_tickets(conn, event):
    order = place_order(conn, event["id"], {"name": "Ada", "email": "Ada@Example.com", "quantity": 2})
    assert order["total_cents"] == 5000
    assert order["email"] == "ada@example.com"
    assert order["status"] == "active"
    assert get_event(conn, event["id"])["tickets_left"] == 3


def test_more_tickets_than_are_left_is_a_conflict(conn, event):
    place_order(conn, event["id"], {"name": "Ada", "email": "ada@example.com", "quantity": 4})
    with pytest.raises(Conflict) as caught:
        place_order(conn, event["id"], {"name": "Bo", "email": "bo@example.com", "quantity": 2})
    assert caught.value.details == {"tickets_left": 1}


def test_cancelling_frees_the_tickets_once(conn, event):
    order = place_order(conn, event["id"], {"name": "Ada", "email": "ada@example.com", "quantity": 5})
    assert cancel_order(conn, order["id"])["status"] == "cancelled"
    assert get_event(conn, event["id"])["tickets_left"] == 5
    with pytest.raises(Conflict):
        cancel_order(conn, order["id"])


@pytest.mark.parametrize("field, value", [("quantity", 0), ("quantity", 11), ("quantity", True), ("email", "nobody"), ("name", " ")])
def test_a_bad_order_field_is_named(conn, event, field, value):
    with pytest.raises(Invalid) as caught:
        place_order(conn, event["id"], {"name": "Ada", "email": "ada@example.com", "quantity": 1, field: value})
    assert list(caught.value.errors) == [field]


def test_orders_of_an_event_oldest_first(conn, event):
    first = place_order(conn, event["id"], {"name": "Ada", "email": "ada@example.com", "quantity": 1})
    second = place_order(conn, event["id"], {"name": "Bo", "email": "bo@example.com", "quantity": 1})
    assert [o["id"] for o in orders_for_event(conn, event["id"])] == [first["id"], second["id"]]
