import json


def json_log_line(record):
    """Return one line of JSON for a log record given as a dict (like vars(LogRecord))."""
    return json.dumps({"level": record["levelname"], "message": record["msg"]}, indent=2)
