# Mistake: accepts any Content-Type that starts with "application/json", so
# "application/jsonp" and "application/json-seq" get through.
import json


def refuse_constant(name):
    raise ValueError(f"{name} is not JSON")


def refuse_repeated_keys(pairs):
    keys = [key for key, _ in pairs]
    if len(set(keys)) < len(keys):
        raise ValueError("an object has the same key twice")
    return dict(pairs)


def read_json_body(headers, body, max_bytes=1_000_000):
    content_type = next((value for name, value in headers.items() if name.lower() == "content-type"), "")
    media_type, *params = [part.strip().lower() for part in content_type.split(";")]
    ok = media_type.startswith("application/json") or (media_type.startswith("application/") and media_type.endswith("+json"))
    for param in params:
        name, _, value = param.partition("=")
        if name.strip() == "charset" and value.strip() != "utf-8":
            ok = False
    if not ok:
        return 415, "expected application/json"
    if len(body) > max_bytes:
        return 413, "too large"
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return 400, "not UTF-8"
    try:
        data = json.loads(text, parse_constant=refuse_constant, object_pairs_hook=refuse_repeated_keys)
    except ValueError:
        return 400, "not JSON"
    if not isinstance(data, dict):
        return 422, "expected an object"
    return 200, data
