# Mistake: checks the capacity with isinstance(capacity, int), and True is an int, so
# LRUCache(True) makes a cache of one.
from collections import OrderedDict


class LRUCache:
    """Keep at most `capacity` entries; forget the least recently used one first."""

    def __init__(self, capacity):
        if not isinstance(capacity, int) or capacity < 1:
            raise ValueError(f"capacity must be a whole number of at least 1, got {capacity!r}")
        self.capacity = capacity
        self._entries = OrderedDict()  # least recently used first

    def put(self, key, value):
        self._entries[key] = value
        self._entries.move_to_end(key)
        if len(self._entries) > self.capacity:
            self._entries.popitem(last=False)

    def get(self, key, default=None):
        if key not in self._entries:
            return default
        self._entries.move_to_end(key)
        return self._entries[key]

    def keys(self):
        return list(self._entries)
