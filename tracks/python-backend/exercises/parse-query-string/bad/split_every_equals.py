# Mistake: splits a pair on every "=", so the value "/login?a=b" is cut short.
from urllib.parse import unquote_plus


def parse_query_string(query):
    params = {}
    for pair in query.lstrip("?").split("&"):
        if not pair:
            continue
        parts = pair.split("=")
        value = parts[1] if len(parts) > 1 else ""
        params.setdefault(unquote_plus(parts[0]), []).append(unquote_plus(value))
    return params
