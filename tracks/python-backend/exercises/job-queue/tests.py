import pytest

from solution import JobQueue


def status(queue, job_id, now):
    return queue.status(job_id, now)


def test_jobs_are_numbered_from_1():
    queue = JobQueue()
    assert [queue.submit(task, now=0) for task in ("a", "b", "c")] == [1, 2, 3]


def test_a_job_is_taken_with_its_task():
    queue = JobQueue()
    queue.submit({"resize": "cat.png", "sizes": [64, 256]}, now=5)
    assert queue.take(now=5) == {"id": 1, "task": {"resize": "cat.png", "sizes": [64, 256]}, "attempt": 1}


def test_jobs_are_taken_in_the_order_they_were_submitted():
    queue = JobQueue()
    for n in range(5):
        queue.submit(f"job {n}", now=n)
    taken = [queue.take(now=10)["id"] for _ in range(5)]
    assert taken == [1, 2, 3, 4, 5]
    assert queue.take(now=10) == None


def test_jobs_submitted_at_the_same_time_go_by_id():
    queue = JobQueue()
    for task in "abc":
        queue.submit(task, now=7)
    assert [queue.take(now=7)["task"] for _ in range(3)] == ["a", "b", "c"]


def test_nothing_to_take():
    queue = JobQueue()
    assert queue.take(now=0) == None
    queue.submit("later", now=10)
    assert queue.take(now=9) == None


def test_a_running_job_is_not_handed_out_twice():
    queue = JobQueue()
    queue.submit("only", now=0)
    assert queue.take(now=0)["id"] == 1
    assert queue.take(now=1) == None
    assert status(queue, 1, now=1) == {"state": "running", "attempts": 1, "run_at": None, "last_error": None}


def test_a_job_that_succeeds_is_done():
    queue = JobQueue()
    queue.submit("send", now=0)
    queue.take(now=0)
    queue.succeed(1, now=3)
    assert status(queue, 1, now=4) == {"state": "done", "attempts": 1, "run_at": None, "last_error": None}
    assert queue.take(now=1000) == None


def test_a_failed_job_waits_base_delay_then_runs_again():
    queue = JobQueue(base_delay=10)
    queue.submit("send", now=0)
    queue.take(now=0)
    queue.fail(1, now=4, error="SMTP timeout")
    assert status(queue, 1, now=4) == {"state": "waiting", "attempts": 1, "run_at": 14, "last_error": "SMTP timeout"}
    assert queue.take(now=13.9) == None
    assert queue.take(now=14) == {"id": 1, "task": "send", "attempt": 2}


def test_each_retry_waits_twice_as_long_then_the_job_is_dead():
    queue = JobQueue(max_attempts=5, base_delay=10, max_delay=3600)
    queue.submit("call partner API", now=0)
    now, waits = 0, []
    for attempt in range(1, 5):
        assert queue.take(now=now)["attempt"] == attempt
        queue.fail(1, now=now + 1, error=f"HTTP 503 ({attempt})")
        run_at = status(queue, 1, now=now + 1)["run_at"]
        waits.append(run_at - (now + 1))
        now = run_at
    assert waits == [10, 20, 40, 80]
    assert queue.take(now=now)["attempt"] == 5
    queue.fail(1, now=now + 1, error="HTTP 503 (5)")
    assert status(queue, 1, now=now + 2) == {"state": "dead", "attempts": 5, "run_at": None, "last_error": "HTTP 503 (5)"}
    assert queue.take(now=now + 10_000) == None


def test_the_wait_never_goes_above_max_delay():
    queue = JobQueue(max_attempts=8, base_delay=7, max_delay=100)
    queue.submit("x", now=0)
    now, waits = 0, []
    for _ in range(7):
        queue.take(now=now)
        queue.fail(1, now=now, error="no")
        run_at = status(queue, 1, now=now)["run_at"]
        waits.append(run_at - now)
        now = run_at
    assert waits == [7, 14, 28, 56, 100, 100, 100]


def test_one_attempt_only():
    queue = JobQueue(max_attempts=1)
    queue.submit("once", now=0)
    queue.take(now=0)
    queue.fail(1, now=1, error="boom")
    assert status(queue, 1, now=1)["state"] == "dead"


def test_a_retry_waits_its_turn_behind_jobs_due_earlier():
    queue = JobQueue(base_delay=10)
    queue.submit("first", now=0)
    queue.take(now=0)
    queue.fail(1, now=1, error="no")  # due again at 11
    queue.submit("second", now=5)
    queue.submit("third", now=11)
    assert [queue.take(now=20)["task"] for _ in range(3)] == ["second", "first", "third"]


def test_a_job_whose_worker_never_answers_comes_back_after_its_lease():
    queue = JobQueue(base_delay=10, lease_seconds=300)
    queue.submit("report", now=0)
    queue.take(now=100)
    assert status(queue, 1, now=399)["state"] == "running"
    assert status(queue, 1, now=400) == {"state": "waiting", "attempts": 1, "run_at": 410, "last_error": "lease expired"}
    assert queue.take(now=409) == None
    assert queue.take(now=410) == {"id": 1, "task": "report", "attempt": 2}


def test_an_expired_lease_is_noticed_by_take_too():
    queue = JobQueue(base_delay=10, lease_seconds=60)
    queue.submit("a", now=0)
    queue.take(now=0)
    # Nothing was asked in between: at 500 the lease (ended at 60) has expired long ago,
    # and the retry was due at 70.
    assert queue.take(now=500) == {"id": 1, "task": "a", "attempt": 2}


def test_the_backoff_after_a_lease_starts_when_the_lease_ended():
    queue = JobQueue(base_delay=10, lease_seconds=60)
    queue.submit("a", now=0)
    queue.take(now=0)
    queue.submit("b", now=65)
    assert queue.take(now=69)["task"] == "b"
    assert queue.take(now=69) == None
    assert queue.take(now=70)["task"] == "a"


def test_a_late_worker_cannot_finish_a_job_whose_lease_expired():
    queue = JobQueue(lease_seconds=60)
    queue.submit("a", now=0)
    queue.take(now=0)
    with pytest.raises(ValueError):
        queue.succeed(1, now=60)
    assert status(queue, 1, now=61)["state"] == "waiting"


def test_a_lease_that_expires_on_the_last_attempt_kills_the_job():
    queue = JobQueue(max_attempts=2, base_delay=5, lease_seconds=30)
    queue.submit("a", now=0)
    queue.take(now=0)
    queue.fail(1, now=1, error="first")
    queue.take(now=6)
    assert status(queue, 1, now=36) == {"state": "dead", "attempts": 2, "run_at": None, "last_error": "lease expired"}


def test_a_worker_may_finish_just_before_its_lease_ends():
    queue = JobQueue(lease_seconds=60)
    queue.submit("a", now=0)
    queue.take(now=0)
    queue.succeed(1, now=59)
    assert status(queue, 1, now=1000)["state"] == "done"


@pytest.mark.parametrize("state", ["waiting", "done", "dead"])
def test_only_a_running_job_can_succeed_or_fail(state):
    queue = JobQueue(max_attempts=1)
    queue.submit("a", now=0)
    if state != "waiting":
        queue.take(now=0)
        (queue.succeed(1, now=1) if state == "done" else queue.fail(1, now=1, error="x"))
    with pytest.raises(ValueError):
        queue.succeed(1, now=2)
    with pytest.raises(ValueError):
        queue.fail(1, now=2, error="again")
    assert status(queue, 1, now=3)["state"] == state


def test_an_unknown_job_is_a_key_error():
    queue = JobQueue()
    queue.submit("a", now=0)
    with pytest.raises(KeyError):
        queue.succeed(2, now=1)
    with pytest.raises(KeyError):
        queue.status(99, now=1)


def test_many_jobs_some_failing():
    queue = JobQueue(max_attempts=2, base_delay=1000)
    for n in range(1, 201):
        queue.submit(n, now=0)
    failed = []
    while (job := queue.take(now=1)) is not None:
        if job["task"] % 3 == 0:
            queue.fail(job["id"], now=1, error="multiple of 3")
            failed.append(job["id"])
        else:
            queue.succeed(job["id"], now=1)
    assert failed == list(range(3, 201, 3))
    retried = []
    while (job := queue.take(now=1001)) is not None:
        retried.append(job["id"])
        queue.fail(job["id"], now=1001, error="again")
    assert retried == failed
    states = [status(queue, n, now=2000)["state"] for n in (1, 2, 3, 198, 200)]
    assert states == ["done", "done", "dead", "dead", "done"]


@pytest.mark.parametrize(
    "settings",
    [{"max_attempts": 0}, {"base_delay": 0}, {"max_delay": -1}, {"lease_seconds": 0}, {"max_attempts": True}, {"base_delay": 1.5}, {"lease_seconds": "300"}],
    ids=["no attempts", "no delay", "negative max delay", "no lease", "attempts True", "a float delay", "a string lease"],
)
def test_wrong_settings_are_refused(settings):
    with pytest.raises(ValueError):
        JobQueue(**settings)
