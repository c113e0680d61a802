# Mistake: a fixed window that resets at 0, 10, 20, ... instead of a sliding one, so a
# burst at the end of one window and the start of the next gets twice the limit.
import math


class RateLimiter:
    def __init__(self, limit, window_seconds):
        if type(limit) is not int or limit < 1:
            raise ValueError(f"limit must be a whole number of at least 1, got {limit!r}")
        if type(window_seconds) not in (int, float) or not math.isfinite(window_seconds) or window_seconds <= 0:
            raise ValueError(f"window_seconds must be a finite number above 0, got {window_seconds!r}")
        self.limit = limit
        self.window_seconds = window_seconds
        self._counts = {}  # (key, window number) -> count

    def _slot(self, key, now):
        return (key, int(now // self.window_seconds))

    def allow(self, key, now):
        slot = self._slot(key, now)
        if self._counts.get(slot, 0) >= self.limit:
            return False
        self._counts[slot] = self._counts.get(slot, 0) + 1
        return True

    def remaining(self, key, now):
        return self.limit - self._counts.get(self._slot(key, now), 0)
