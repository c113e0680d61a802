# Mistake: decodes %XX first and turns "+" into spaces afterwards, so an encoded "%2B"
# (a real plus sign) also becomes a space.
from urllib.parse import unquote


def parse_query_string(query):
    params = {}
    for pair in query.removeprefix("?").split("&"):
        if not pair:
            continue
        name, _, value = pair.partition("=")
        name = unquote(name).replace("+", " ")
        params.setdefault(name, []).append(unquote(value).replace("+", " "))
    return params
