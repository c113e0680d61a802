# Mistake: path.rstrip("/") removes every trailing slash, so "/about//" matches "/about".
def match_route(pattern, path):
    path = path.rstrip("/") or "/"
    pattern = pattern.rstrip("/") or "/"
    pattern_parts = pattern.split("/")
    path_parts = path.split("/")
    if len(pattern_parts) != len(path_parts):
        return None
    params = {}
    for expected, actual in zip(pattern_parts, path_parts):
        if expected.startswith("<int:"):
            if not (actual.isascii() and actual.isdigit()):
                return None
            params[expected[5:-1]] = int(actual)
        elif expected.startswith("<"):
            if not actual:
                return None
            params[expected[1:-1]] = actual
        elif expected != actual:
            return None
    return params
