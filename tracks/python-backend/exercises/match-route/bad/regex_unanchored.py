# Mistake: builds a regular expression but uses re.match without an end anchor,
# so "/users/ada/posts" matches "/users/<name>".
import re


def match_route(pattern, path):
    if path != "/" and path.endswith("/"):
        path = path[:-1]
    if pattern != "/" and pattern.endswith("/"):
        pattern = pattern[:-1]
    converters = {}

    def replace(m):
        converter, _, name = m.group(1).rpartition(":")
        converters[name] = converter
        return f"(?P<{name}>[0-9]+)" if converter == "int" else f"(?P<{name}>[^/]+)"

    m = re.match(re.sub(r"<([^>]+)>", replace, pattern), path)
    if m is None:
        return None
    return {k: int(v) if converters[k] == "int" else v for k, v in m.groupdict().items()}
