import math
from collections import deque


class RateLimiter:
    """Allow at most `limit` requests per key in any sliding window of `window_seconds`."""

    def __init__(self, limit, window_seconds):
        if type(limit) is not int or limit < 1:
            raise ValueError(f"limit must be a whole number of at least 1, got {limit!r}")
        # nan <= 0 is False, so "window_seconds <= 0" alone would let nan (and True) in.
        if type(window_seconds) not in (int, float) or not math.isfinite(window_seconds) or window_seconds <= 0:
            raise ValueError(f"window_seconds must be a finite number above 0, got {window_seconds!r}")
        self.limit = limit
        self.window_seconds = window_seconds
        self._allowed = {}  # key -> deque of the times of its allowed requests

    def _recent(self, key, now):
        times = self._allowed.setdefault(key, deque())
        # A request at t counts until t + window, not included.
        while times and times[0] <= now - self.window_seconds:
            times.popleft()
        return times

    def allow(self, key, now):
        """Record and allow the request if key is under its limit; return whether allowed."""
        times = self._recent(key, now)
        if len(times) >= self.limit:
            return False
        times.append(now)
        return True

    def remaining(self, key, now):
        """How many more requests key may make at time now."""
        return self.limit - len(self._recent(key, now))
