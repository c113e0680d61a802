# Mistake: get() stores the default under a missing key (setdefault), so looking up a
# key that is not there adds it and pushes a real entry out.
from collections import OrderedDict


class LRUCache:
    """Keep at most `capacity` entries; forget the least recently used one first."""

    def __init__(self, capacity):
        if type(capacity) is not int or capacity < 1:
            raise ValueError(f"capacity must be a whole number of at least 1, got {capacity!r}")
        self.capacity = capacity
        self._entries = OrderedDict()  # least recently used first

    def put(self, key, value):
        self._entries[key] = value
        self._entries.move_to_end(key)
        if len(self._entries) > self.capacity:
            self._entries.popitem(last=False)

    def get(self, key, default=None):
        value = self._entries.setdefault(key, default)
        self._entries.move_to_end(key)
        if len(self._entries) > self.capacity:
            self._entries.popitem(last=False)
        return value

    def keys(self):
        return list(self._entries)
