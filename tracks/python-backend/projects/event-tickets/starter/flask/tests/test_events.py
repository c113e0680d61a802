import pytest

from tickets.errors import Invalid, NotFound
from tickets.events import create_event, get_event, list_events, page_params


def test_a_new_event_has_every_ticket_left(conn, concert):
    event = create_event(conn, concert)
    assert event["tickets_left"] == 5
    assert get_event(conn, event["id"]) == event


def test_the_name_is_trimmed(conn, concert):
    assert create_event(conn, {**concert, "name": "  Jazz  "})["name"] == "Jazz"


@pytest.mark.parametrize(
    "field, value",
    [("name", ""), ("name", "x" * 101), ("capacity", 0), ("capacity", True), ("capacity", "5"), ("price_cents", -1), ("price_cents", 9.5), ("starts_at", "soon")],
)
def test_a_bad_field_is_named(conn, concert, field, value):
    with pytest.raises(Invalid) as caught:
        create_event(conn, {**concert, field: value})
    assert list(caught.value.errors) == [field]


def test_an_unknown_event_is_not_found(conn):
    with pytest.raises(NotFound):
        get_event(conn, 404)


def test_events_come_soonest_first_one_page_at_a_time(conn, concert):
    for day in (3, 1, 2):
        create_event(conn, {**concert, "name": f"day {day}", "starts_at": f"2031-06-0{day}T18:00:00Z"})
    first = list_events(conn, page=1, per_page=2)
    assert [e["name"] for e in first["events"]] == ["day 1", "day 2"]
    assert first["total"] == 3
    assert [e["name"] for e in list_events(conn, page=2, per_page=2)["events"]] == ["day 3"]


def test_page_parameters_are_checked():
    assert page_params(None, None) == (1, 20)
    assert page_params("2", "5") == (2, 5)
    for page, per_page in (("0", None), (None, "101"), ("x", None)):
        with pytest.raises(Invalid):
            page_params(page, per_page)
