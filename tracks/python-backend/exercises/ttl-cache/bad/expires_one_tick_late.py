# Mistake (off by one): keeps a value while now <= expires_at, so it is still there at
# exactly set time + time to live.
import math


def _check_ttl(ttl):
    # bool is an int, and nan > 0 is False but so is nan <= 0: test what is allowed.
    if type(ttl) not in (int, float) or not math.isfinite(ttl) or ttl <= 0:
        raise ValueError(f"a time to live must be a finite number above 0, got {ttl!r}")


class TTLCache:
    """Keep values for a time to live; when full, forget what expires soonest."""

    def __init__(self, ttl_seconds, max_entries=1000):
        _check_ttl(ttl_seconds)
        if type(max_entries) is not int or max_entries < 1:
            raise ValueError(f"max_entries must be a whole number of at least 1, got {max_entries!r}")
        self.ttl_seconds = ttl_seconds
        self.max_entries = max_entries
        self._entries = {}  # key -> (expires_at, value), the oldest set first
        self._hits = 0
        self._misses = 0

    def set(self, key, value, now, ttl=None):
        if ttl is None:
            ttl = self.ttl_seconds
        _check_ttl(ttl)
        # Setting again counts as the newest: remove first so the key moves to the end.
        self._entries.pop(key, None)
        if len(self._entries) >= self.max_entries:
            self.purge(now)
        if len(self._entries) >= self.max_entries:
            # min() keeps the first of equals, and the dict keeps the oldest first.
            soonest = min(self._entries, key=lambda k: self._entries[k][0])
            del self._entries[soonest]
        self._entries[key] = (now + ttl, value)

    def get(self, key, now, default=None):
        entry = self._entries.get(key)
        if entry is not None and now > entry[0]:
            del self._entries[key]
            entry = None
        if entry is None:
            self._misses += 1
            return default
        self._hits += 1
        return entry[1]

    def delete(self, key):
        return self._entries.pop(key, None) is not None

    def purge(self, now):
        expired = [key for key, (expires_at, _) in self._entries.items() if now > expires_at]
        for key in expired:
            del self._entries[key]
        return len(expired)

    def stats(self, now):
        live = sum(1 for expires_at, _ in self._entries.values() if now <= expires_at)
        return {"hits": self._hits, "misses": self._misses, "size": live}
