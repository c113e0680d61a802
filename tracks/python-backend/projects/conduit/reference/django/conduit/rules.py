"""What a valid request looks like: field rules, slugs, times and pages. No Django here."""
import re
import unicodedata
from datetime import datetime, timedelta, timezone

EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
DIGITS = re.compile(r"[0-9]+")
MIN_PASSWORD = 8
MAX_LIMIT = 100
DEFAULT_LIMIT = 20
# Any offset past the last row gives an empty page; this one still fits SQLite's integers.
MAX_OFFSET = 2 ** 62
BLANK = "can't be blank"
NOT_A_STRING = "must be a string"


class ApiError(Exception):
    """An error the client caused; becomes {"errors": {key: [message, ...]}} with `status`."""

    def __init__(self, status, errors):
        super().__init__(str(errors))
        self.status, self.errors = status, errors


def fail(status, key, message):
    return ApiError(status, {key: [message]})


def required_text(value):
    """The problem with a required string, or None."""
    if value is None:
        return BLANK
    if not isinstance(value, str):
        return NOT_A_STRING
    return None if value.strip() else BLANK


def email_problem(value):
    problem = required_text(value)
    if problem is None and not EMAIL.fullmatch(value):
        return "is invalid"
    return problem


def password_problem(value):
    problem = required_text(value)
    if problem is None and len(value) < MIN_PASSWORD:
        return f"is too short (minimum is {MIN_PASSWORD} characters)"
    return problem


def optional_text(value):
    """bio and image: a string, or None; "" means None. Returns (value, problem)."""
    if value is None or value == "":
        return None, None
    if not isinstance(value, str):
        return None, NOT_A_STRING
    return value, None


def tag_list(value):
    """(tags without duplicates, in order, problem)."""
    if not isinstance(value, list) or not all(isinstance(tag, str) and tag.strip() for tag in value):
        return None, "must be a list of strings"
    return list(dict.fromkeys(value)), None


def check(fields):
    """fields: {name: problem or None}; raises one 422 naming every problem."""
    errors = {name: [problem] for name, problem in fields.items() if problem}
    if errors:
        raise ApiError(422, errors)


def slug_base(title):
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-") or "article"


def slug_candidates(title):
    """base, base-2, base-3...; never `feed`, which is the feed's path."""
    base = slug_base(title)
    if base != "feed":
        yield base
    n = 2
    while True:
        yield f"{base}-{n}"
        n += 1


def format_time(moment):
    return moment.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def now_text(after=None):
    """Now, as stored and shown; strictly later than `after` (a clock may not have moved)."""
    now = datetime.now(timezone.utc)
    if after is not None:
        previous = datetime.fromisoformat(after.replace("Z", "+00:00"))
        if now <= previous:
            now = previous + timedelta(milliseconds=1)
    return format_time(now)


def page(args):
    """(limit, offset) from the query string, or a 422 naming each bad one."""
    problems = {}
    limit, offset = DEFAULT_LIMIT, 0
    raw = args.get("limit") or ""
    if raw:
        if DIGITS.fullmatch(raw) and int(raw) >= 1:
            limit = min(int(raw), MAX_LIMIT)
        else:
            problems["limit"] = "must be a positive integer"
    raw = args.get("offset") or ""
    if raw:
        if DIGITS.fullmatch(raw):
            offset = min(int(raw), MAX_OFFSET)
        else:
            problems["offset"] = "must be a non-negative integer"
    check(problems)
    return limit, offset
