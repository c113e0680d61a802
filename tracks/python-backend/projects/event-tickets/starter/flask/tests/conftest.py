import pytest

from tickets import db


@pytest.fixture
def conn(tmp_path):
    connection = db.connect(str(tmp_path / "tickets.db"))
    yield connection
    connection.close()


@pytest.fixture
def concert():
    return {"name": "Harbour Jazz Night", "starts_at": "2031-06-01T18:00:00Z", "capacity": 5, "price_cents": 2500}
