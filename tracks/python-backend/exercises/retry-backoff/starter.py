class RetryPolicy:
    def __init__(self, attempts, base_delay, max_delay, retry_on):
        self.attempts = attempts
        self.base_delay = base_delay

    def delay(self, attempt, error, jitter):
        """Seconds to wait after call `attempt` failed with `error`, or None to give up."""
        return self.base_delay * attempt

    def schedule(self, outcomes, jitters):
        """Play a series of calls; return {'outcome', 'calls', 'waits'}."""
        return {"outcome": outcomes[-1], "calls": len(outcomes), "waits": []}
