# Mistake: accepts SameSite=None without Secure, a cookie that browsers throw away.
import string

TOKEN_CHARS = set(string.ascii_letters + string.digits + "!#$%&'*+-.^_`|~")
# Printable ASCII except space, double quote, comma, semicolon and backslash.
VALUE_CHARS = set(chr(c) for c in range(0x21, 0x7F)) - set('",;\\')


def parse_cookie_header(header):
    """Parse a Cookie header such as "a=1; b=2" into {"a": "1", "b": "2"}."""
    cookies = {}
    for piece in (header or "").split(";"):
        name, equals, value = piece.partition("=")
        name, value = name.strip(), value.strip()
        if not equals or not name or name in cookies:
            continue
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = value[1:-1]
        cookies[name] = value
    return cookies


def build_set_cookie(name, value, max_age=None, path="/", domain=None, secure=False,
                     http_only=True, same_site="Lax"):
    """Return the value of a Set-Cookie header: "name=value; Path=/; HttpOnly; SameSite=Lax"."""
    if not name or not set(name) <= TOKEN_CHARS:
        raise ValueError(f"not a valid cookie name: {name!r}")
    if not set(value) <= VALUE_CHARS:
        raise ValueError(f"not a valid cookie value: {value!r}")
    if max_age is not None and (type(max_age) is not int or max_age < 0):
        raise ValueError(f"max_age must be a whole number 0 or more, got {max_age!r}")
    if same_site not in (None, "Strict", "Lax", "None"):
        raise ValueError(f"same_site must be Strict, Lax or None, got {same_site!r}")

    parts = [f"{name}={value}"]
    if max_age is not None:
        parts.append(f"Max-Age={max_age}")
    if path is not None:
        parts.append(f"Path={path}")
    if domain is not None:
        parts.append(f"Domain={domain}")
    if secure:
        parts.append("Secure")
    if http_only:
        parts.append("HttpOnly")
    if same_site is not None:
        parts.append(f"SameSite={same_site}")
    return "; ".join(parts)
