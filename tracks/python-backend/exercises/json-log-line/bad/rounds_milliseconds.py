# Mistake: rounds the milliseconds, so 59.9995 seconds is written as .1000 instead of .999.
import json
from datetime import datetime, timezone

STANDARD = {
    "name", "msg", "args", "levelname", "levelno", "pathname", "filename", "module",
    "exc_info", "exc_text", "stack_info", "lineno", "funcName", "created", "msecs",
    "relativeCreated", "thread", "threadName", "processName", "process", "taskName",
    "message", "asctime",
}
OUTPUT_KEYS = ("time", "level", "logger", "message", "exception")


def timestamp(created):
    """UTC time with milliseconds cut, like logging does: .9996 s is .999, never 1000 ms."""
    moment = datetime.fromtimestamp(int(created), timezone.utc)
    millis = round((created - int(created)) * 1000)
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + f".{millis:03d}Z"


def message_of(record):
    msg, args = record["msg"], record["args"]
    if not args:
        return str(msg)
    try:
        return str(msg) % (tuple(args) if isinstance(args, list) else args)
    except (TypeError, ValueError, KeyError):
        return f"{msg} (bad log arguments: {args!r})"


def json_log_line(record):
    """Return one line of JSON for a log record given as a dict (like vars(LogRecord))."""
    entry = {
        "time": timestamp(record["created"]),
        "level": record["levelname"],
        "logger": record["name"],
        "message": message_of(record),
    }
    for key in sorted(record):
        if key not in STANDARD:
            entry[f"extra_{key}" if key in OUTPUT_KEYS else key] = record[key]
    if isinstance(record.get("exc_text"), str) and record["exc_text"]:
        entry["exception"] = record["exc_text"]
    # json.dumps escapes newlines inside strings, so one record stays one line.
    return json.dumps(entry, default=str)
