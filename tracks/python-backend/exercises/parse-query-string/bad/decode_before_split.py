# Mistake: decodes the whole string first, so an encoded "&" or "=" splits the pairs.
from urllib.parse import unquote_plus


def parse_query_string(query):
    params = {}
    for pair in unquote_plus(query.lstrip("?")).split("&"):
        if not pair:
            continue
        name, _, value = pair.partition("=")
        params.setdefault(name, []).append(value)
    return params
