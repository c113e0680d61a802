from urllib.parse import unquote_plus


def parse_query_string(query):
    """Parse "a=1&b=2&a=3" into {"a": ["1", "3"], "b": ["2"]}."""
    params = {}
    for pair in query.removeprefix("?").split("&"):
        if not pair:
            continue
        name, _, value = pair.partition("=")
        params.setdefault(unquote_plus(name), []).append(unquote_plus(value))
    return params
