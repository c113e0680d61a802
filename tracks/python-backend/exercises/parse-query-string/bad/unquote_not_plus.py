# Mistake: uses unquote instead of unquote_plus, so "+" stays a plus instead of a space.
from urllib.parse import unquote


def parse_query_string(query):
    params = {}
    for pair in query.lstrip("?").split("&"):
        if not pair:
            continue
        name, _, value = pair.partition("=")
        params.setdefault(unquote(name), []).append(unquote(value))
    return params
