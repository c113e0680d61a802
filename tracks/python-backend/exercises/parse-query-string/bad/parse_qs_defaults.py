# Mistake: parse_qs with its default settings drops names whose value is empty.
from urllib.parse import parse_qs


def parse_query_string(query):
    return parse_qs(query.lstrip("?"))
