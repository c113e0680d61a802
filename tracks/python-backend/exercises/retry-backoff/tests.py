import pytest

from solution import RetryPolicy

ERRORS = ["TimeoutError", "ConnectionResetError", "ServiceUnavailable"]


def check_delay(policy_args, attempt, error, jitter, expected):
    got = RetryPolicy(*policy_args).delay(attempt, error, jitter)
    assert got == expected, (
        f"RetryPolicy{policy_args}.delay({attempt}, {error!r}, {jitter}) should be {expected!r}, got {got!r}"
    )


def test_wait_doubles_after_each_failure():
    args = (10, 0.25, 100, ERRORS)
    for attempt, expected in [(1, 0.125), (2, 0.25), (3, 0.5), (4, 1.0), (5, 2.0), (9, 32.0)]:
        check_delay(args, attempt, "TimeoutError", 0.5, expected)


def test_cap_comes_before_the_jitter():
    args = (10, 1, 6, ERRORS)
    check_delay(args, 3, "TimeoutError", 0.5, 2.0)
    check_delay(args, 4, "TimeoutError", 0.5, 3.0)
    check_delay(args, 9, "TimeoutError", 0.75, 4.5)


def test_zero_jitter_waits_nothing_and_the_cap_may_equal_the_base():
    check_delay((3, 2, 2, ERRORS), 2, "TimeoutError", 0.0, 0.0)
    check_delay((3, 2, 2, ERRORS), 2, "TimeoutError", 0.5, 1.0)


def test_only_listed_errors_are_retried():
    args = (5, 1, 8, ERRORS)
    check_delay(args, 1, "ValueError", 0.5, None)
    check_delay(args, 1, "timeouterror", 0.5, None)
    check_delay(args, 1, "ConnectionResetError", 0.5, 0.5)


def test_the_last_call_is_not_retried():
    args = (3, 1, 8, ERRORS)
    check_delay(args, 2, "TimeoutError", 0.5, 1.0)
    check_delay(args, 3, "TimeoutError", 0.5, None)
    check_delay(args, 4, "TimeoutError", 0.5, None)
    check_delay((1, 1, 8, ERRORS), 1, "TimeoutError", 0.5, None)


def test_a_very_late_attempt_waits_the_cap_instead_of_overflowing():
    check_delay((100000, 0.5, 30, ERRORS), 5000, "TimeoutError", 0.5, 15.0)


# True is an int to isinstance(), but "retry True times" is a bug in the caller, not a count.
@pytest.mark.parametrize("args", [(0, 1, 2, ERRORS), (2.5, 1, 2, ERRORS), (3, 0, 2, ERRORS), (3, 3, 2, ERRORS), (3, -1, 2, ERRORS),
                                  (True, 1, 2, ERRORS), (4.0, 1, 2, ERRORS), ("3", 1, 2, ERRORS)])
def test_bad_policy_raises_value_error(args):
    with pytest.raises(ValueError):
        RetryPolicy(*args)


@pytest.mark.parametrize("attempt, jitter", [(0, 0.5), (-2, 0.5), (1, 1.0), (1, -0.25), (1, 1.5)])
def test_bad_delay_arguments_raise_value_error(attempt, jitter):
    with pytest.raises(ValueError):
        RetryPolicy(3, 1, 8, ERRORS).delay(attempt, "TimeoutError", jitter)


def test_schedule_until_success():
    got = RetryPolicy(5, 1, 8, ERRORS).schedule(["ServiceUnavailable", "TimeoutError", "ok", "TimeoutError"], [0.5, 0.25, 0.75])
    assert got == {"outcome": "ok", "calls": 3, "waits": [0.5, 0.5]}, f"got {got!r}"


def test_schedule_success_at_once():
    got = RetryPolicy(2, 1, 8, ERRORS).schedule(["ok"], [])
    assert got == {"outcome": "ok", "calls": 1, "waits": []}, f"got {got!r}"


def test_schedule_gives_up_after_the_last_call():
    got = RetryPolicy(3, 2, 5, ERRORS).schedule(["TimeoutError"] * 4, [0.5, 0.5, 0.5])
    assert got == {"outcome": "TimeoutError", "calls": 3, "waits": [1.0, 2.0]}, f"got {got!r}"


def test_schedule_stops_at_an_error_not_worth_retrying():
    got = RetryPolicy(6, 1, 8, ERRORS).schedule(["TimeoutError", "PermissionError", "ok"], [0.5, 0.5])
    assert got == {"outcome": "PermissionError", "calls": 2, "waits": [0.5]}, f"got {got!r}"


def test_schedule_needs_enough_outcomes_and_jitters():
    policy = RetryPolicy(4, 1, 8, ERRORS)
    with pytest.raises(ValueError):
        policy.schedule(["TimeoutError", "TimeoutError"], [0.5, 0.5, 0.5])
    with pytest.raises(ValueError):
        policy.schedule(["TimeoutError", "TimeoutError", "ok"], [0.5])
    got = policy.schedule(["TimeoutError", "ValueError"], [0.5])
    assert got == {"outcome": "ValueError", "calls": 2, "waits": [0.5]}, f"got {got!r}"
