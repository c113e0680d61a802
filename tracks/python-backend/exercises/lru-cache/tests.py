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


@pytest.mark.parametrize("capacity", [0, -3, True, 2.5, 2.0, "2", None])
def test_a_capacity_that_is_not_a_whole_number_of_at_least_1_is_refused(capacity):
    with pytest.raises(ValueError):
        LRUCache(capacity)


def test_getting_a_missing_key_changes_nothing():
    cache = LRUCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("zzz", "fallback") == "fallback"
    assert cache.keys() == ["a", "b"]
    cache.put("c", 3)
    assert cache.keys() == ["b", "c"]


def test_the_order_after_several_gets():
    cache = LRUCache(4)
    for key in "abcd":
        cache.put(key, key)
    for key in "cad":
        cache.get(key)
    assert cache.keys() == ["b", "c", "a", "d"]
    cache.put("e", "e")
    cache.put("f", "f")
    assert cache.keys() == ["a", "d", "e", "f"]


def test_updating_a_key_in_a_full_cache():
    cache = LRUCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    cache.put("a", 10)
    assert cache.keys() == ["b", "a"]
    cache.put("c", 3)
    assert (cache.keys(), cache.get("a")) == (["a", "c"], 10)


def test_keys_of_other_types():
    cache = LRUCache(3)
    for key in (7, ("user", 7), "7"):
        cache.put(key, str(key))
    assert cache.get(7) == "7"
    assert cache.keys() == [("user", 7), "7", 7]


def test_a_long_run_of_puts_and_gets():
    # A reference model in the tests: a plain list, least recently used first.
    import random

    rng = random.Random(2024)
    cache, model, store = LRUCache(8), [], {}
    for step in range(1500):
        key = rng.randrange(20)
        if rng.random() < 0.5:
            cache.put(key, step)
            if key in model:
                model.remove(key)
            model.append(key)
            store[key] = step
            if len(model) > 8:
                del store[model.pop(0)]
        else:
            expected = store.get(key, "missing")
            if key in model:
                model.remove(key)
                model.append(key)
            got = cache.get(key, "missing")
            assert got == expected, f"step {step}: get({key}) returned {got!r}; expected {expected!r}"
    assert cache.keys() == model
