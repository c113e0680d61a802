def parse_cookie_header(header):
    """Parse a Cookie header such as "a=1; b=2" into {"a": "1", "b": "2"}."""
    cookies = {}
    # TODO: split on ";", then each piece on its first "=".
    return cookies


def build_set_cookie(name, value, max_age=None, path="/", domain=None, secure=False,
                     http_only=True, same_site="Lax"):
    """Return the value of a Set-Cookie header: "name=value; Path=/; HttpOnly; SameSite=Lax"."""
    return f"{name}={value}"
