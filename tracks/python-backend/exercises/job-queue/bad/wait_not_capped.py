# Mistake: never caps the wait at max_delay, so the tenth retry waits almost three hours.
class JobQueue:
    """Background jobs handed to workers, retried with exponential backoff, leased for a time."""

    def __init__(self, max_attempts=5, base_delay=10, max_delay=3600, lease_seconds=300):
        for name, value in (("max_attempts", max_attempts), ("base_delay", base_delay),
                            ("max_delay", max_delay), ("lease_seconds", lease_seconds)):
            if type(value) is not int or value < 1:
                raise ValueError(f"{name} must be a whole number of at least 1, got {value!r}")
        self.max_attempts = max_attempts
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.lease_seconds = lease_seconds
        self._jobs = {}
        self._next_id = 1

    def submit(self, task, now):
        job_id = self._next_id
        self._next_id += 1
        self._jobs[job_id] = {"task": task, "state": "waiting", "attempts": 0, "run_at": now,
                              "taken_at": None, "last_error": None}
        return job_id

    def take(self, now):
        self._expire_leases(now)
        due = [(job["run_at"], job_id) for job_id, job in self._jobs.items()
               if job["state"] == "waiting" and job["run_at"] <= now]
        if not due:
            return None
        _, job_id = min(due)
        job = self._jobs[job_id]
        job.update(state="running", attempts=job["attempts"] + 1, run_at=None, taken_at=now)
        return {"id": job_id, "task": job["task"], "attempt": job["attempts"]}

    def succeed(self, job_id, now):
        job = self._running(job_id, now)
        job.update(state="done", taken_at=None)

    def fail(self, job_id, now, error):
        self._failed(self._running(job_id, now), now, error)

    def status(self, job_id, now):
        self._expire_leases(now)
        job = self._jobs[job_id]
        return {"state": job["state"], "attempts": job["attempts"], "run_at": job["run_at"],
                "last_error": job["last_error"]}

    def delay(self, attempts):
        """Seconds to wait after the attempts-th failure: 1 base delay, then 2, 4, 8... capped."""
        return self.base_delay * 2 ** (attempts - 1)

    def _running(self, job_id, now):
        self._expire_leases(now)
        job = self._jobs[job_id]  # KeyError for a job that was never submitted
        if job["state"] != "running":
            raise ValueError(f"job {job_id} is {job['state']}, not running")
        return job

    def _failed(self, job, now, error):
        job.update(taken_at=None, last_error=error)
        if job["attempts"] >= self.max_attempts:
            job.update(state="dead", run_at=None)
        else:
            job.update(state="waiting", run_at=now + self.delay(job["attempts"]))

    def _expire_leases(self, now):
        # A worker that has not answered by the end of its lease is taken for dead: the
        # attempt failed when the lease ended, and the job is retried like any failure.
        for job in self._jobs.values():
            if job["state"] == "running" and now >= job["taken_at"] + self.lease_seconds:
                self._failed(job, job["taken_at"] + self.lease_seconds, "lease expired")
