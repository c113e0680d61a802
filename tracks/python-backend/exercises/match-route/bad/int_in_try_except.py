# Mistake: lets int() decide what a number is, so "-1", " 5", "1_000" and "٣" all match.
def match_route(pattern, path):
    if path != "/" and path.endswith("/"):
        path = path[:-1]
    if pattern != "/" and pattern.endswith("/"):
        pattern = pattern[:-1]
    pattern_parts = pattern.split("/")
    path_parts = path.split("/")
    if len(pattern_parts) != len(path_parts):
        return None
    params = {}
    for expected, actual in zip(pattern_parts, path_parts):
        if expected.startswith("<int:"):
            try:
                params[expected[5:-1]] = int(actual)
            except ValueError:
                return None
        elif expected.startswith("<"):
            if not actual:
                return None
            params[expected[1:-1]] = actual
        elif expected != actual:
            return None
    return params
