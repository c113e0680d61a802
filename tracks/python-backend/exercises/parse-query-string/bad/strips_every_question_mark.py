# Mistake: query.strip("?") removes question marks at BOTH ends, so "q=why?" loses its "?".
from urllib.parse import unquote_plus


def parse_query_string(query):
    params = {}
    for pair in query.strip("?").split("&"):
        if not pair:
            continue
        name, _, value = pair.partition("=")
        params.setdefault(unquote_plus(name), []).append(unquote_plus(value))
    return params
