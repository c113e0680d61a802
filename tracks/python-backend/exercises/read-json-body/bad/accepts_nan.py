# Mistake: trusts json.loads to refuse everything that is not JSON, but it reads NaN and Infinity.
import json


def is_json_content_type(value):
    media_type, *params = [part.strip().lower() for part in value.split(";")]
    kind, slash, subtype = media_type.partition("/")
    if kind != "application" or not slash or not (subtype == "json" or subtype.endswith("+json")):
        return False
    for param in params:
        name, _, param_value = param.partition("=")
        if name.strip() == "charset" and param_value.strip() != "utf-8":
            return False
    return True


def refuse_constant(name):
    raise ValueError(f"{name} is not JSON")


def refuse_repeated_keys(pairs):
    keys = [key for key, _ in pairs]
    if len(set(keys)) < len(keys):
        raise ValueError("an object has the same key twice")
    return dict(pairs)


def read_json_body(headers, body, max_bytes=1_000_000):
    """Return (200, data) for a valid JSON object body, or (status, message) for the first problem."""
    content_type = next((value for name, value in headers.items() if name.lower() == "content-type"), None)
    if content_type is None or not is_json_content_type(content_type):
        return 415, f"expected Content-Type application/json, got {content_type!r}"
    if len(body) > max_bytes:
        return 413, f"the body is {len(body)} bytes; the limit is {max_bytes}"
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return 400, "the body is not valid UTF-8"
    try:
        data = json.loads(text, object_pairs_hook=refuse_repeated_keys)
    except ValueError as error:
        return 400, f"the body is not valid JSON: {error}"
    if not isinstance(data, dict):
        return 422, f"expected a JSON object, got {type(data).__name__}"
    return 200, data
