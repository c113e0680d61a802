import pytest

from app import create_app


@pytest.fixture
def client(tmp_path):
    return create_app({"DATABASE": str(tmp_path / "api.db")}).test_client()


def test_health(client):
    assert client.get("/health").get_json() == {"status": "ok"}


def test_create_then_read_an_event(client, concert):
    created = client.post("/events", json=concert)
    assert created.status_code == 201
    assert created.headers["Location"] == f"/events/{created.get_json()['id']}"
    assert client.get(created.headers["Location"]).get_json() == created.get_json()


def test_a_bad_event_is_400_with_the_fields(client):
    response = client.post("/events", json={"name": ""})
    assert response.status_code == 400
    assert set(response.get_json()["errors"]) == {"name", "starts_at", "capacity", "price_cents"}


def test_sold_out_is_409(client, concert):
    event_id = client.post("/events", json={**concert, "capacity": 1}).get_json()["id"]
    order = {"name": "Ada", "email": "ada@example.com", "quantity": 1}
    assert client.post(f"/events/{event_id}/orders", json=order).status_code == 201
    response = client.post(f"/events/{event_id}/orders", json=order)
    assert response.status_code == 409
    assert response.get_json() == {"error": "sold out", "tickets_left": 0}


def test_unknown_ids_are_404(client):
    assert client.get("/events/999").status_code == 404
    assert client.get("/orders/999").status_code == 404
    assert client.post("/orders/999/cancel").status_code == 404
