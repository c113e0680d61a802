import json


def read_json_body(headers, body, max_bytes=1_000_000):
    """Return (200, data) for a valid JSON object body, or (status, message) for the first problem."""
    # TODO: check Content-Type (415), size (413), UTF-8 and JSON (400), object (422).
    return 200, json.loads(body)
