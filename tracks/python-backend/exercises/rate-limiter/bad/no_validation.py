# Mistake: accepts a limit of 0 or a window of 0 seconds instead of raising ValueError.
import math
from collections import deque


class RateLimiter:
    """Allow at most `limit` requests per key in any sliding window of `window_seconds`."""

    def __init__(self, limit, window_seconds):
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
