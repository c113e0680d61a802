# Mistake: trusts str.isdigit(), which is True for "²" and "٣": int("²") then raises
# (a crash, a 500 error) and int("٣") quietly gives 3.
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
            if not actual.isdigit():
                return None
            params[expected[5:-1]] = int(actual)
        elif expected.startswith("<"):
            if not actual:
                return None
            params[expected[1:-1]] = actual
        elif expected != actual:
            return None
    return params
