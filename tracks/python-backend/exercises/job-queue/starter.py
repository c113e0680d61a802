class JobQueue:
    """Background jobs handed to workers, retried with exponential backoff, leased for a time."""

    def __init__(self, max_attempts=5, base_delay=10, max_delay=3600, lease_seconds=300):
        self.max_attempts = max_attempts
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.lease_seconds = lease_seconds
        self._jobs = {}

    def submit(self, task, now):
        job_id = len(self._jobs) + 1
        self._jobs[job_id] = {"task": task, "state": "waiting", "attempts": 0, "run_at": now, "last_error": None}
        return job_id

    def take(self, now):
        # TODO: leases, due jobs, the earliest first
        return None

    def succeed(self, job_id, now):
        self._jobs[job_id]["state"] = "done"

    def fail(self, job_id, now, error):
        pass

    def status(self, job_id, now):
        job = self._jobs[job_id]
        return {"state": job["state"], "attempts": job["attempts"], "run_at": job["run_at"], "last_error": job["last_error"]}
