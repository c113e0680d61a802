# Mistake: decodes %XX by hand and assumes every "%" is followed by two hex digits,
# so "100%" or "%zz" makes int(..., 16) raise instead of being kept as it is.
def decode(text):
    text = text.replace("+", " ")
    raw = bytearray()
    i = 0
    while i < len(text):
        if text[i] == "%":
            raw.append(int(text[i + 1:i + 3], 16))
            i += 3
        else:
            raw += text[i].encode("utf-8")
            i += 1
    return raw.decode("utf-8", errors="replace")


def parse_query_string(query):
    params = {}
    for pair in query.removeprefix("?").split("&"):
        if not pair:
            continue
        name, _, value = pair.partition("=")
        params.setdefault(decode(name), []).append(decode(value))
    return params
