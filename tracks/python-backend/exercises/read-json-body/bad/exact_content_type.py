# Mistake: compares the whole Content-Type with "application/json", so the usual
# "application/json; charset=utf-8" is refused with 415.
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
    if content_type.strip().lower() != "application/json" and not content_type.strip().lower().endswith("+json"):
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
