import random

import pytest

from solution import busiest_moment


def expected_peak(sessions):
    # The same answer another way: sort the starts and the ends separately and merge them;
    # an end at the same moment as a start goes first.
    starts = sorted(start for start, _ in sessions)
    ends = sorted(end for _, end in sessions)
    online = most = 0
    when = None
    j = 0
    for start in starts:
        while j < len(ends) and ends[j] <= start:
            online -= 1
            j += 1
        online += 1
        if online > most:
            most, when = online, start
    return most, when


def test_three_sessions_that_all_overlap():
    assert busiest_moment([(1, 5), (2, 6), (4, 8)]) == (3, 4)


def test_a_session_is_gone_at_its_end():
    assert busiest_moment([(0, 10), (10, 20)]) == (1, 0)


def test_no_sessions():
    assert busiest_moment([]) == (0, None)


def test_one_session():
    assert busiest_moment([(42, 43)]) == (1, 42)


def test_the_earliest_of_two_equal_peaks():
    assert busiest_moment([(6, 9), (0, 3), (1, 4), (7, 8)]) == (2, 1)


def test_sessions_in_any_order():
    assert busiest_moment([(30, 40), (10, 50), (0, 35), (20, 25)]) == (3, 20)


def test_sessions_inside_another_one():
    assert busiest_moment([(0, 100), (10, 20), (30, 40), (35, 36)]) == (3, 35)


def test_sessions_that_start_at_the_same_moment():
    assert busiest_moment([(5, 6), (5, 7), (5, 8), (1, 5)]) == (3, 5)


def test_an_end_and_a_start_at_the_same_moment_do_not_add_up():
    assert busiest_moment([(0, 5), (3, 5), (5, 9), (5, 8)]) == (2, 3)


def test_times_up_to_a_billion():
    assert busiest_moment([(0, 1_000_000_000), (999_999_999, 1_000_000_000)]) == (2, 999_999_999)


def test_the_list_is_not_changed():
    sessions = [(3, 4), (1, 2)]
    busiest_moment(sessions)
    assert sessions == [(3, 4), (1, 2)]


def test_30000_random_sessions():
    rng = random.Random(3)
    sessions = []
    for _ in range(30_000):
        start = rng.randrange(0, 999_000_000)
        sessions.append((start, start + rng.randrange(1, 1_000_000)))
    got = busiest_moment(sessions)
    expected = expected_peak(sessions)
    assert got == expected, f"30,000 random sessions: expected {expected}, got {got}"


def test_30000_copies_of_the_same_session():
    got = busiest_moment([(7, 8)] * 30_000)
    assert got == (30_000, 7), f"30,000 sessions (7, 8): expected (30000, 7), got {got}"


def test_30000_sessions_one_after_the_other():
    sessions = [(i * 10, i * 10 + 10) for i in range(30_000)]
    rng = random.Random(9)
    rng.shuffle(sessions)
    got = busiest_moment(sessions)
    assert got == (1, 0), f"30,000 sessions, each starting when the one before ends: expected (1, 0), got {got}"
