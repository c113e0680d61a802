# Mistake: moves the login time forward at every use, so a session that keeps being used
# never reaches its absolute timeout.
import secrets


class SessionStore:
    """Server-side sessions that end when idle or too old, with ids nobody can guess."""

    def __init__(self, idle_seconds=1800, max_age_seconds=86400):
        for name, value in (("idle_seconds", idle_seconds), ("max_age_seconds", max_age_seconds)):
            if type(value) is not int or value < 1:
                raise ValueError(f"{name} must be a whole number of at least 1, got {value!r}")
        self.idle_seconds = idle_seconds
        self.max_age_seconds = max_age_seconds
        self._sessions = {}  # session id -> {"user": ..., "login": t, "used": t}

    def create(self, user_id, now):
        session_id = secrets.token_urlsafe(32)
        self._sessions[session_id] = {"user": user_id, "login": now, "used": now}
        return session_id

    def get(self, session_id, now):
        session = self._valid(session_id, now)
        if session is None:
            return None
        session["used"] = session["login"] = now
        return session["user"]

    def rotate(self, session_id, now):
        session = self._valid(session_id, now)
        if session is None:
            return None
        del self._sessions[session_id]
        new_id = secrets.token_urlsafe(32)
        # The login time stays: rotating must not make a session live longer.
        self._sessions[new_id] = {"user": session["user"], "login": session["login"], "used": now}
        return new_id

    def destroy(self, session_id):
        return self._sessions.pop(session_id, None) is not None

    def destroy_all(self, user_id, now):
        ids = [sid for sid, session in self._sessions.items() if session["user"] == user_id]
        still_valid = sum(1 for sid in ids if not self._ended(self._sessions[sid], now))
        for sid in ids:
            del self._sessions[sid]
        return still_valid

    def _ended(self, session, now):
        return now >= session["used"] + self.idle_seconds or now >= session["login"] + self.max_age_seconds

    def _valid(self, session_id, now):
        """The session, or None when it is unknown or has ended (then it is forgotten)."""
        session = self._sessions.get(session_id) if isinstance(session_id, str) else None
        if session is not None and self._ended(session, now):
            del self._sessions[session_id]
            session = None
        return session
