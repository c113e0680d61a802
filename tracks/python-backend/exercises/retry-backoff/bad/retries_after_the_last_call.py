# Mistake: compares with > instead of >=, so it asks for a wait after the last allowed call.
class RetryPolicy:
    def __init__(self, attempts, base_delay, max_delay, retry_on):
        if type(attempts) is not int or attempts < 1:
            raise ValueError(f"attempts must be a whole number of at least 1, got {attempts!r}")
        if not 0 < base_delay <= max_delay:
            raise ValueError(f"need 0 < base_delay <= max_delay, got {base_delay!r} and {max_delay!r}")
        self.attempts = attempts
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.retry_on = set(retry_on)

    def delay(self, attempt, error, jitter):
        """Seconds to wait after call `attempt` failed with `error`, or None to give up."""
        if attempt < 1:
            raise ValueError(f"attempt starts at 1, got {attempt!r}")
        if not 0 <= jitter < 1:
            raise ValueError(f"jitter must be from 0 (included) to 1 (excluded), got {jitter!r}")
        if error not in self.retry_on or attempt > self.attempts:
            return None
        # Double until the cap, then stop: 2 ** 5000 times a float would overflow.
        backoff = self.base_delay
        for _ in range(attempt - 1):
            if backoff >= self.max_delay:
                break
            backoff *= 2
        return jitter * min(self.max_delay, backoff)

    def schedule(self, outcomes, jitters):
        """Play a series of calls; return {'outcome', 'calls', 'waits'}."""
        waits = []
        for attempt, outcome in enumerate(outcomes, start=1):
            if outcome == "ok":
                return {"outcome": "ok", "calls": attempt, "waits": waits}
            if self.delay(attempt, outcome, 0) is None:
                return {"outcome": outcome, "calls": attempt, "waits": waits}
            if len(waits) == len(jitters):
                raise ValueError("not enough jitter values for the waits")
            waits.append(self.delay(attempt, outcome, jitters[len(waits)]))
        raise ValueError("the outcomes ran out before the calls ended")
