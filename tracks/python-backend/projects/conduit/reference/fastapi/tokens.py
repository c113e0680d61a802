"""JSON Web Tokens signed with HMAC-SHA256 (HS256), written out with the standard library.

A token is b64url(header) "." b64url(payload) "." b64url(signature); the signature is the
HMAC-SHA256 of the first two parts with the key in JWT_SECRET. The payload names the user
by id (`sub`), which never changes, and says when the token expires (`exp`).
"""
import base64
import binascii
import hashlib
import hmac
import json
import os
import time

TOKEN_LIFETIME_SECONDS = 24 * 60 * 60


class InvalidToken(Exception):
    """The token cannot be trusted: malformed, badly signed, or expired."""


def _b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64url(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _key():
    # Read at every use rather than at import, so a test or a shell can set it late; it
    # must come from the environment (a key made up at start-up would change at restart).
    return os.environ.get("JWT_SECRET", "development only: set JWT_SECRET").encode()


def _sign(signing_input):
    return hmac.new(_key(), signing_input.encode("ascii"), hashlib.sha256).digest()


def _part(obj):
    return _b64url(json.dumps(obj, separators=(",", ":")).encode())


def make_token(user_id):
    now = int(time.time())
    signing_input = _part({"alg": "HS256", "typ": "JWT"}) + "." + _part(
        {"sub": str(user_id), "iat": now, "exp": now + TOKEN_LIFETIME_SECONDS})
    return signing_input + "." + _b64url(_sign(signing_input))


def user_id_from(token):
    """The user id the token names, or InvalidToken. The signature is checked before the
    payload is read, and the header may not choose the algorithm."""
    parts = token.split(".")
    if len(parts) != 3:
        raise InvalidToken("not three parts")
    try:
        header = json.loads(_unb64url(parts[0]))
        signature = _unb64url(parts[2])
    except (ValueError, TypeError, binascii.Error):
        raise InvalidToken("not base64url JSON")
    if not isinstance(header, dict) or header.get("alg") != "HS256":
        raise InvalidToken("not HS256")
    if not hmac.compare_digest(signature, _sign(parts[0] + "." + parts[1])):
        raise InvalidToken("bad signature")
    try:
        payload = json.loads(_unb64url(parts[1]))
    except (ValueError, TypeError, binascii.Error):
        raise InvalidToken("payload is not base64url JSON")
    if not isinstance(payload, dict):
        raise InvalidToken("payload is not an object")
    exp = payload.get("exp")
    if isinstance(exp, bool) or not isinstance(exp, (int, float)) or exp <= time.time():
        raise InvalidToken("expired or no expiry")
    sub = payload.get("sub")
    if not isinstance(sub, str) or not sub.isdigit() or len(sub) > 18:
        raise InvalidToken("no user id")
    return int(sub)
