# Mistake: a repeated name overwrites the earlier values instead of adding to the list.
from urllib.parse import unquote_plus


def parse_query_string(query):
    params = {}
    for pair in query.lstrip("?").split("&"):
        if not pair:
            continue
        name, _, value = pair.partition("=")
        params[unquote_plus(name)] = [unquote_plus(value)]
    return params
