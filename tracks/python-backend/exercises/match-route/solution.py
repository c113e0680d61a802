def drop_trailing_slash(text):
    return text[:-1] if text != "/" and text.endswith("/") else text


def match_route(pattern, path):
    """Return the captured parameters as a dict if path matches pattern, else None.

    match_route("/users/<int:id>", "/users/7") == {"id": 7}
    """
    pattern_parts = drop_trailing_slash(pattern).split("/")
    path_parts = drop_trailing_slash(path).split("/")
    if len(pattern_parts) != len(path_parts):
        return None

    params = {}
    for expected, actual in zip(pattern_parts, path_parts):
        if expected.startswith("<") and expected.endswith(">"):
            converter, _, name = expected[1:-1].rpartition(":")
            if not actual:
                return None
            if converter == "int":
                # isdigit() alone accepts "²" and "٣"; only ASCII 0-9 make a number here.
                if not (actual.isascii() and actual.isdigit()):
                    return None
                params[name] = int(actual)
            else:
                params[name] = actual
        elif expected != actual:
            return None
    return params
