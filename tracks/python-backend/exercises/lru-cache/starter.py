class LRUCache:
    """Keep at most `capacity` entries; forget the least recently used one first."""

    def __init__(self, capacity):
        self.capacity = capacity
        self._entries = {}

    def put(self, key, value):
        self._entries[key] = value

    def get(self, key, default=None):
        return self._entries.get(key, default)

    def keys(self):
        return list(self._entries)
