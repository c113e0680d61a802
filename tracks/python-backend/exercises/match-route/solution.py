def match_route(pattern, path):
    """Return the captured parameters as a dict if path matches pattern, else None.

    match_route("/users/<int:id>", "/users/7") == {"id": 7}
    """
    if path != "/" and path.endswith("/"):
        path = path[:-1]
    pattern_parts = pattern.split("/")
    path_parts = path.split("/")
    if len(pattern_parts) != len(path_parts):
        return None

    params = {}
    for expected, actual in zip(pattern_parts, path_parts):
        if expected.startswith("<") and expected.endswith(">"):
            converter, _, name = expected[1:-1].rpartition(":")
            if not actual:
                return None
            if converter == "int":
                if not (actual.isascii() and actual.isdigit()):
                    return None
                params[name] = int(actual)
            else:
                params[name] = actual
        elif expected != actual:
            return None
    return params
