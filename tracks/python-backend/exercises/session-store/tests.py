import string
from collections import Counter

import pytest

from solution import SessionStore

URL_SAFE = set(string.ascii_letters + string.digits + "-_")


def test_a_new_session_knows_its_user():
    store = SessionStore()
    sid = store.create(7, now=0)
    assert store.get(sid, now=1) == 7


def test_session_ids_are_long_random_and_url_safe():
    store = SessionStore()
    ids = [store.create(n % 3, now=0) for n in range(300)]
    for sid in ids[:20]:
        assert type(sid) is str and len(sid) >= 32 and set(sid) <= URL_SAFE, (
            f"create() returned {sid!r}; expected 32 or more characters from A-Z, a-z, 0-9, - and _"
        )
    repeated = [sid for sid, n in Counter(ids).items() if n > 1]
    assert repeated == [], f"300 sessions got these ids more than once: {repeated[:3]}"


def test_two_servers_never_hand_out_the_same_id():
    # An id made from the user and the time (or a counter) would be the same on both.
    first, second = SessionStore(), SessionStore()
    a = [first.create(7, now=100) for _ in range(5)]
    b = [second.create(7, now=100) for _ in range(5)]
    assert set(a) & set(b) == set(), f"two stores both gave {sorted(set(a) & set(b))[:2]} to user 7 at the same time"


def test_each_user_gets_their_own_sessions():
    store = SessionStore()
    ada, grace = store.create("ada", now=0), store.create("grace", now=0)
    ada_phone = store.create("ada", now=5)
    assert [store.get(s, now=10) for s in (ada, grace, ada_phone)] == ["ada", "grace", "ada"]


@pytest.mark.parametrize("session_id", ["", "nope", "1", None, 42, b"abc"], ids=["empty", "unknown", "a counter", "None", "a number", "bytes"])
def test_an_unknown_id_gives_none(session_id):
    store = SessionStore()
    store.create(7, now=0)
    assert store.get(session_id, now=1) == None


def test_a_session_ends_after_idle_seconds_without_use():
    store = SessionStore(idle_seconds=600, max_age_seconds=3600)
    sid = store.create(7, now=0)
    assert store.get(sid, now=599) == 7
    other = store.create(8, now=0)
    assert store.get(other, now=600) == None


def test_every_use_restarts_the_idle_timer():
    store = SessionStore(idle_seconds=600, max_age_seconds=3600)
    sid = store.create(7, now=0)
    uses = [store.get(sid, now=t) for t in (500, 1000, 1500, 2099)]
    assert uses == [7, 7, 7, 7]
    assert store.get(sid, now=2698) == 7
    assert store.get(sid, now=3297) == 7


def test_a_session_ends_max_age_seconds_after_login_even_if_used():
    store = SessionStore(idle_seconds=600, max_age_seconds=3600)
    sid = store.create(7, now=1000)
    for t in range(1500, 4600, 500):
        assert store.get(sid, now=t) == 7, f"the session ended at {t}, before its hour was up"
    assert store.get(sid, now=4599) == 7
    assert store.get(sid, now=4600) == None


def test_an_ended_session_stays_ended():
    store = SessionStore(idle_seconds=10, max_age_seconds=100)
    sid = store.create(7, now=0)
    assert store.get(sid, now=10) == None
    assert store.get(sid, now=10) == None
    assert store.rotate(sid, now=11) == None


def test_rotation_gives_a_new_id_and_the_old_one_stops_working():
    store = SessionStore()
    old = store.create(7, now=0)
    new = store.rotate(old, now=10)
    assert type(new) is str and new != old and len(new) >= 32 and set(new) <= URL_SAFE, f"rotate() returned {new!r}"
    assert store.get(old, now=11) == None
    assert store.get(new, now=11) == 7


def test_rotation_counts_as_a_use():
    store = SessionStore(idle_seconds=600, max_age_seconds=3600)
    old = store.create(7, now=0)
    new = store.rotate(old, now=500)
    assert store.get(new, now=1099) == 7


def test_rotation_keeps_the_login_time():
    store = SessionStore(idle_seconds=600, max_age_seconds=3600)
    sid = store.create(7, now=0)
    for t in (500, 1000, 1500, 2000, 2500, 3000, 3500):
        sid = store.rotate(sid, now=t)
        assert sid is not None, f"rotate() at {t} returned None; the session was still valid"
    assert store.get(sid, now=3599) == 7
    assert store.get(sid, now=3600) == None


def test_rotating_an_unknown_or_ended_session_gives_none():
    store = SessionStore(idle_seconds=60, max_age_seconds=600)
    sid = store.create(7, now=0)
    assert store.rotate("made-up-id-0123456789-0123456789ab", now=1) == None
    assert store.rotate(sid, now=60) == None
    assert store.get(sid, now=60) == None


def test_a_rotated_id_cannot_be_rotated_again():
    store = SessionStore()
    old = store.create(7, now=0)
    store.rotate(old, now=1)
    assert store.rotate(old, now=2) == None


def test_logging_out():
    store = SessionStore()
    sid, other = store.create(7, now=0), store.create(7, now=0)
    assert store.destroy(sid) == True
    assert store.destroy(sid) == False
    assert store.destroy("never-was") == False
    assert (store.get(sid, now=1), store.get(other, now=1)) == (None, 7)


def test_logging_out_everywhere_ends_only_that_users_sessions():
    store = SessionStore(idle_seconds=600, max_age_seconds=3600)
    laptop, phone, tablet = store.create(7, now=0), store.create(7, now=100), store.create(7, now=200)
    grace = store.create(8, now=0)
    assert store.destroy_all(7, now=300) == 3
    assert [store.get(s, now=301) for s in (laptop, phone, tablet, grace)] == [None, None, None, 8]
    assert store.destroy_all(7, now=302) == 0


def test_logging_out_everywhere_counts_only_sessions_still_valid():
    store = SessionStore(idle_seconds=600, max_age_seconds=3600)
    store.create(7, now=0)
    store.create(7, now=500)
    store.create(7, now=900)
    # At 1099: the first ended at 600, the second ends at 1100, the third at 1500.
    assert store.destroy_all(7, now=1099) == 2
    assert store.destroy_all(404, now=1099) == 0


@pytest.mark.parametrize("user_id", ["ada@example.com", 0, "", ("tenant", 3)], ids=["an email", "0", "an empty string", "a tuple"])
def test_a_user_id_can_be_any_value(user_id):
    store = SessionStore()
    sid = store.create(user_id, now=0)
    assert store.get(sid, now=1) == user_id
    new = store.rotate(sid, now=2)
    assert store.get(new, now=3) == user_id
    assert store.destroy_all(user_id, now=4) == 1


@pytest.mark.parametrize(
    "idle, max_age", [(0, 3600), (-1, 3600), (600, 0), (True, 3600), (600, 1.5), ("600", 3600)],
    ids=["idle 0", "idle negative", "max age 0", "idle True", "max age a float", "idle a string"],
)
def test_wrong_timeouts_are_refused(idle, max_age):
    with pytest.raises(ValueError):
        SessionStore(idle, max_age)
