def parse_query_string(query):
    """Parse "a=1&b=2&a=3" into {"a": ["1", "3"], "b": ["2"]}."""
    params = {}
    # Remove a leading "?", split on "&", split each pair on its first "=", decode.
    return params
