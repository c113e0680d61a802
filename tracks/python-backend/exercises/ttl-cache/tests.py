import pytest

from solution import TTLCache

MISSING = "<missing>"


def test_a_value_is_there_until_it_expires():
    cache = TTLCache(30)
    cache.set("user:7", {"name": "Ada"}, now=1000)
    assert cache.get("user:7", now=1000) == {"name": "Ada"}
    assert cache.get("user:7", now=1029.999) == {"name": "Ada"}


def test_a_value_expires_at_exactly_its_time_to_live():
    cache = TTLCache(30)
    cache.set("user:7", "Ada", now=1000)
    assert cache.get("user:7", now=1030, default=MISSING) == MISSING


def test_an_expired_value_stays_gone():
    cache = TTLCache(30)
    cache.set("user:7", "Ada", now=0)
    assert cache.get("user:7", now=45) == None
    assert cache.get("user:7", now=50, default=MISSING) == MISSING


def test_a_missing_key_gives_the_default():
    cache = TTLCache(30)
    assert cache.get("nope", now=0) == None
    assert cache.get("nope", now=0, default=MISSING) == MISSING


def test_falsy_values_and_none_can_be_stored():
    cache = TTLCache(30)
    for key, value in [("zero", 0), ("empty", ""), ("none", None), ("false", False), ("list", [])]:
        cache.set(key, value, now=0)
    got = [cache.get(key, now=1, default=MISSING) for key in ("zero", "empty", "none", "false", "list")]
    assert got == [0, "", None, False, []]


def test_setting_again_replaces_the_value_and_the_expiry():
    cache = TTLCache(30)
    cache.set("rate", 1.08, now=0)
    cache.set("rate", 1.09, now=20)
    assert cache.get("rate", now=49) == 1.09
    assert cache.get("rate", now=50, default=MISSING) == MISSING


def test_a_time_to_live_for_one_entry():
    cache = TTLCache(30)
    cache.set("short", "s", now=0, ttl=5)
    cache.set("long", "l", now=0, ttl=3600)
    cache.set("usual", "u", now=0)
    assert [cache.get(k, now=10, default=MISSING) for k in ("short", "usual", "long")] == [MISSING, "u", "l"]
    assert [cache.get(k, now=3599.5, default=MISSING) for k in ("short", "usual", "long")] == [MISSING, MISSING, "l"]


def test_fractions_of_a_second():
    cache = TTLCache(0.25)
    cache.set("k", "v", now=10.5)
    assert cache.get("k", now=10.7) == "v"
    assert cache.get("k", now=10.75, default=MISSING) == MISSING


def test_hits_and_misses_are_counted():
    cache = TTLCache(10)
    cache.set("a", 1, now=0)
    cache.get("a", now=1)
    cache.get("a", now=2)
    cache.get("b", now=3)
    cache.get("a", now=10)
    assert cache.stats(now=10) == {"hits": 2, "misses": 2, "size": 0}


def test_a_stored_none_is_a_hit():
    cache = TTLCache(10)
    cache.set("user:404", None, now=0)
    cache.get("user:404", now=1)
    assert cache.stats(now=1)["hits"] == 1


def test_size_counts_only_what_has_not_expired():
    cache = TTLCache(10)
    cache.set("a", 1, now=0)
    cache.set("b", 2, now=5)
    cache.set("c", 3, now=5, ttl=1)
    assert cache.stats(now=5)["size"] == 3
    assert cache.stats(now=6)["size"] == 2
    assert cache.stats(now=10)["size"] == 1
    assert cache.stats(now=15)["size"] == 0


def test_stats_and_set_do_not_count_as_hits_or_misses():
    cache = TTLCache(10)
    cache.set("a", 1, now=0)
    cache.stats(now=1)
    cache.purge(now=2)
    assert cache.stats(now=3) == {"hits": 0, "misses": 0, "size": 1}


def test_delete():
    cache = TTLCache(10)
    cache.set("a", 1, now=0)
    cache.set("old", 2, now=0, ttl=1)
    assert cache.delete("a") == True
    assert cache.delete("a") == False
    assert cache.delete("never") == False
    assert cache.delete("old") == True
    assert cache.get("a", now=0.5, default=MISSING) == MISSING


def test_purge_forgets_only_what_has_expired():
    cache = TTLCache(10)
    for n in range(5):
        cache.set(f"k{n}", n, now=n)
    assert cache.purge(now=12) == 3
    assert cache.purge(now=12) == 0
    assert [cache.get(f"k{n}", now=12, default=MISSING) for n in range(5)] == [MISSING, MISSING, MISSING, 3, 4]


def test_when_full_the_entry_that_expires_soonest_goes():
    cache = TTLCache(60, max_entries=3)
    cache.set("a", 1, now=0, ttl=500)
    cache.set("b", 2, now=0, ttl=100)
    cache.set("c", 3, now=0, ttl=300)
    cache.set("d", 4, now=1)
    assert [cache.get(k, now=2, default=MISSING) for k in "abcd"] == [1, MISSING, 3, 4]


def test_when_full_expired_entries_go_first():
    cache = TTLCache(60, max_entries=3)
    cache.set("a", 1, now=0, ttl=10)
    cache.set("b", 2, now=0, ttl=20)
    cache.set("c", 3, now=0, ttl=1000)
    cache.set("d", 4, now=25)
    cache.set("e", 5, now=26)
    assert [cache.get(k, now=27, default=MISSING) for k in "abcde"] == [MISSING, MISSING, 3, 4, 5]


def test_when_full_and_expiring_together_the_oldest_goes():
    cache = TTLCache(60, max_entries=3)
    cache.set("x", 1, now=0, ttl=20)
    cache.set("y", 2, now=10, ttl=10)
    cache.set("z", 3, now=5, ttl=15)
    cache.set("new", 4, now=11)
    assert [cache.get(k, now=12, default=MISSING) for k in ("x", "y", "z", "new")] == [MISSING, 2, 3, 4]


def test_setting_a_key_again_makes_it_the_newest_of_its_expiry():
    cache = TTLCache(60, max_entries=2)
    cache.set("a", 1, now=0)
    cache.set("b", 2, now=0)
    cache.set("a", 10, now=0)
    cache.set("c", 3, now=0)
    assert [cache.get(k, now=1, default=MISSING) for k in "abc"] == [10, MISSING, 3]


def test_setting_a_key_that_is_there_never_forgets_another():
    cache = TTLCache(60, max_entries=2)
    cache.set("a", 1, now=0, ttl=5)
    cache.set("b", 2, now=0)
    cache.set("b", 20, now=1)
    assert [cache.get(k, now=2, default=MISSING) for k in "ab"] == [1, 20]


def test_when_full_every_expired_entry_is_forgotten_not_just_one():
    cache = TTLCache(60, max_entries=3)
    cache.set("a", 1, now=0, ttl=1)
    cache.set("b", 2, now=0, ttl=2)
    cache.set("c", 3, now=0)
    cache.set("d", 4, now=5)
    # delete() says whether a key was still stored, even expired.
    assert [cache.delete(k) for k in "abcd"] == [False, False, True, True]


def test_a_cache_of_one():
    cache = TTLCache(60, max_entries=1)
    cache.set("a", 1, now=0)
    cache.set("b", 2, now=1)
    assert [cache.get(k, now=2, default=MISSING) for k in "ab"] == [MISSING, 2]
    assert cache.stats(now=2)["size"] == 1


def test_never_more_than_max_entries():
    cache = TTLCache(1000, max_entries=50)
    for n in range(500):
        cache.set(n, n, now=n * 0.1, ttl=1000 - n)
    assert cache.stats(now=50)["size"] == 50
    kept = [n for n in range(500) if cache.get(n, now=50, default=MISSING) != MISSING]
    # Key n expires at 1000 - 0.9 * n: the first ones expire last. The one just set stays.
    assert kept == list(range(49)) + [499]


@pytest.mark.parametrize(
    "ttl", [0, -1, True, float("nan"), float("inf"), "60", None],
    ids=["zero", "negative", "True", "nan", "inf", "a string", "None"],
)
def test_a_wrong_time_to_live_is_refused(ttl):
    with pytest.raises(ValueError):
        TTLCache(ttl)


@pytest.mark.parametrize("ttl", [0, -5, False, float("nan"), "5"], ids=["zero", "negative", "False", "nan", "a string"])
def test_a_wrong_time_to_live_for_one_entry_is_refused(ttl):
    cache = TTLCache(60)
    with pytest.raises(ValueError):
        cache.set("k", "v", now=0, ttl=ttl)


@pytest.mark.parametrize("max_entries", [0, -1, 2.5, True, "10"])
def test_a_wrong_size_is_refused(max_entries):
    with pytest.raises(ValueError):
        TTLCache(60, max_entries)
