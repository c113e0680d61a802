# Mistake: treats ";" as a second separator (old CGI habit), so "a=1;b=2" becomes two pairs.
import re
from urllib.parse import unquote_plus


def parse_query_string(query):
    params = {}
    for pair in re.split("[&;]", query.removeprefix("?")):
        if not pair:
            continue
        name, _, value = pair.partition("=")
        params.setdefault(unquote_plus(name), []).append(unquote_plus(value))
    return params
