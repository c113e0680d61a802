import pytest

from solution import LRUCache


def test_get_returns_what_was_put():
    cache = LRUCache(2)
    cache.put("a", 1)
    assert cache.get("a") == 1


def test_missing_key_gives_default():
    cache = LRUCache(2)
    assert cache.get("nope") == None
    assert cache.get("nope", "missing") == "missing"


def test_keys_in_order_of_use():
    cache = LRUCache(3)
    for key in ("a", "b", "c"):
        cache.put(key, key.upper())
    assert cache.keys() == ["a", "b", "c"]


def test_forgets_the_least_recently_used_when_full():
    cache = LRUCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    cache.put("c", 3)
    assert cache.keys() == ["b", "c"]
    assert cache.get("a") == None


def test_get_makes_a_key_the_most_recent():
    cache = LRUCache(2)
    cache.put("/tasks/1", "Write tests")
    cache.put("/tasks/2", "Fix bug")
    assert cache.get("/tasks/1") == "Write tests"
    cache.put("/tasks/3", "Deploy")
    assert cache.keys() == ["/tasks/1", "/tasks/3"]


def test_updating_a_key_forgets_nothing_and_makes_it_recent():
    cache = LRUCache(3)
    cache.put("a", 1)
    cache.put("b", 2)
    cache.put("c", 3)
    cache.put("b", 20)
    assert cache.keys() == ["a", "c", "b"]
    assert [cache.get(k) for k in ("a", "b", "c")] == [1, 20, 3]


def test_capacity_of_one():
    cache = LRUCache(1)
    cache.put("a", 1)
    cache.put("b", 2)
    assert (cache.keys(), cache.get("b")) == (["b"], 2)


def test_stored_values_can_be_any_plain_value():
    cache = LRUCache(3)
    cache.put("user:7", {"name": "Ada", "tags": ["admin"]})
    cache.put("falsy", 0)
    assert cache.get("user:7") == {"name": "Ada", "tags": ["admin"]}
    assert cache.get("falsy", "missing") == 0


@pytest.mark.parametrize("capacity", [0, -3])
def test_capacity_below_one_is_refused(capacity):
    with pytest.raises(ValueError):
        LRUCache(capacity)
