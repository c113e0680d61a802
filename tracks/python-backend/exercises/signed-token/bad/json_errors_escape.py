# Mistake: turns base64 errors into InvalidToken but lets JSON errors through, so a part
# that is not JSON raises JSONDecodeError instead.
import base64
import binascii
import hashlib
import hmac
import json

HEADER = {"alg": "HS256", "typ": "JWT"}


class InvalidToken(Exception):
    """The token is malformed, was not signed with our secret, or has expired."""


def sign(claims, secret, now, ttl=3600):
    """Return a token "HEADER.PAYLOAD.SIGNATURE" holding claims, valid for ttl seconds."""
    _check_secret(secret)
    if type(ttl) is not int or ttl < 1:
        raise ValueError(f"ttl must be a whole number of seconds, at least 1, got {ttl!r}")
    payload = {**claims, "iat": now, "exp": now + ttl}
    signing_input = _encode_json(HEADER) + "." + _encode_json(payload)
    return signing_input + "." + _b64encode(_signature(secret, signing_input))


def verify(token, secret, now):
    """Return the claims of a token signed with secret that has not expired; else InvalidToken."""
    _check_secret(secret)
    if not isinstance(token, str) or token.count(".") != 2:
        raise InvalidToken("a token has three parts separated by dots")
    header_part, payload_part, signature_part = token.split(".")
    header = _decode_json(header_part)
    # The algorithm is ours to choose, never the token's: "none" or "HS512" is refused.
    if header.get("alg") != "HS256":
        raise InvalidToken(f"unexpected algorithm {header.get('alg')!r}")
    expected = _signature(secret, header_part + "." + payload_part)
    if not hmac.compare_digest(expected, _b64decode(signature_part)):
        raise InvalidToken("the signature does not match")
    # Only now is the payload known to be ours.
    payload = _decode_json(payload_part)
    exp = payload.get("exp")
    if type(exp) is not int:
        raise InvalidToken("the token has no expiry")
    if now >= exp:
        raise InvalidToken("the token has expired")
    return payload


def _check_secret(secret):
    if type(secret) is not bytes or len(secret) < 32:
        raise ValueError("the secret must be bytes, at least 32 of them")


def _signature(secret, signing_input):
    return hmac.new(secret, signing_input.encode("ascii"), hashlib.sha256).digest()


def _b64encode(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64decode(text):
    if not text or "=" in text:
        raise InvalidToken("a part of the token is empty or padded")
    try:
        # The padding was left out when encoding: put it back before decoding.
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise InvalidToken("a part of the token is not base64url") from None


def _encode_json(value):
    return _b64encode(json.dumps(value, separators=(",", ":")).encode("utf-8"))


def _decode_json(text):
    try:
        value = json.loads(_b64decode(text))
    except UnicodeDecodeError:
        raise InvalidToken("a part of the token is not JSON") from None
    if not isinstance(value, dict):
        raise InvalidToken("a part of the token is not a JSON object")
    return value
