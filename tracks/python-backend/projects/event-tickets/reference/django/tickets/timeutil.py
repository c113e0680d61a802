"""Times as the API speaks them: ISO 8601 in, UTC with a Z out."""
from datetime import datetime, timezone


def parse_start(text):
    """Reads an ISO 8601 time that carries its offset and returns it in UTC, e.g.
    "2031-06-01T18:00:00+02:00" -> "2031-06-01T16:00:00Z". Raises ValueError when the
    text is not such a time, or has no offset (a time without one is ambiguous)."""
    if not isinstance(text, str):
        raise ValueError("starts_at must be a string")
    value = text.strip()
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("starts_at needs a time zone offset, such as Z or +02:00")
    moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
