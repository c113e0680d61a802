class RateLimiter:
    """Allow at most `limit` requests per key in any sliding window of `window_seconds`."""

    def __init__(self, limit, window_seconds):
        self.limit = limit
        self.window_seconds = window_seconds

    def allow(self, key, now):
        """Record and allow the request if key is under its limit; return whether allowed."""
        return True

    def remaining(self, key, now):
        """How many more requests key may make at time now."""
        return self.limit
