import base64
import hashlib
import hmac
import json
import string

import pytest

from solution import InvalidToken, sign, verify

SECRET = b"tests-own-secret-0123456789-abcdef"
OTHER_SECRET = b"someone-else-secret-0123456789-xyz"
NOW = 1_717_000_000
HS256 = {"alg": "HS256", "typ": "JWT"}
URL_SAFE = set(string.ascii_letters + string.digits + "-_")


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def part(value, separators=(",", ":")):
    return b64(json.dumps(value, separators=separators, ensure_ascii=False).encode("utf-8"))


def make(payload, secret=SECRET, header=HS256, separators=(",", ":"), digest=hashlib.sha256):
    """A token made by the tests, as another server with the same secret would."""
    signing_input = part(header, separators) + "." + part(payload, separators)
    return signing_input + "." + b64(hmac.new(secret, signing_input.encode("ascii"), digest).digest())


def read(token):
    assert type(token) is str and token.count(".") == 2, f"sign returned {token!r}; expected HEADER.PAYLOAD.SIGNATURE"
    header, payload, signature = token.split(".")
    return json.loads(unb64(header)), json.loads(unb64(payload)), signature


def refused(token, now=NOW, secret=SECRET):
    with pytest.raises(InvalidToken):
        verify(token, secret, now)


def test_a_token_is_three_base64url_parts_without_padding():
    token = sign({"sub": 7}, SECRET, NOW)
    assert type(token) is str and token.count(".") == 2, f"sign returned {token!r}"
    for piece in token.split("."):
        assert piece and set(piece) <= URL_SAFE, f"the part {piece!r} of {token!r} is not base64url without padding"


def test_the_header_says_hs256():
    header, _, _ = read(sign({"sub": 7}, SECRET, NOW))
    assert header == {"alg": "HS256", "typ": "JWT"}


def test_the_payload_holds_the_claims_and_the_times():
    _, payload, _ = read(sign({"sub": 7, "role": "member"}, SECRET, NOW, ttl=900))
    assert payload == {"sub": 7, "role": "member", "iat": NOW, "exp": NOW + 900}


def test_the_default_lifetime_is_an_hour():
    _, payload, _ = read(sign({"sub": 7}, SECRET, NOW))
    assert (payload["iat"], payload["exp"]) == (NOW, NOW + 3600)


def test_iat_and_exp_in_the_claims_are_replaced():
    _, payload, _ = read(sign({"sub": 7, "exp": 9_999_999_999, "iat": 0}, SECRET, NOW, ttl=60))
    assert (payload["iat"], payload["exp"]) == (NOW, NOW + 60)


def test_the_signature_is_hmac_sha256_of_the_first_two_parts():
    token = sign({"sub": 7, "name": "Zoë 🚀"}, SECRET, NOW)
    signing_input, _, signature = token.rpartition(".")
    expected = b64(hmac.new(SECRET, signing_input.encode("ascii"), hashlib.sha256).digest())
    assert signature == expected, f"the signature of {token!r} is not the HMAC-SHA256 of {signing_input!r} with the secret"


def test_a_token_of_ours_is_accepted_by_verify():
    claims = {"sub": 42, "name": "Zoë 🚀", "scopes": ["tasks:read", "tasks:write"]}
    assert verify(sign(claims, SECRET, NOW, ttl=60), SECRET, NOW + 59) == {**claims, "iat": NOW, "exp": NOW + 60}


@pytest.mark.parametrize("name_length", range(8))
def test_tokens_made_elsewhere_of_every_length_are_accepted(name_length):
    # The parts of these tokens have every length modulo 4: the padding must be put back.
    payload = {"sub": 3, "name": "n" * name_length, "iat": NOW, "exp": NOW + 60}
    assert verify(make(payload), SECRET, NOW) == payload


def test_a_token_made_elsewhere_with_other_json_spacing_is_accepted():
    payload = {"exp": NOW + 60, "sub": 3, "iat": NOW, "team": {"id": 9, "name": "Ops"}}
    token = make(payload, separators=(", ", ": "))
    assert verify(token, SECRET, NOW) == payload


def test_a_token_is_valid_until_one_second_before_exp():
    token = make({"sub": 3, "iat": NOW, "exp": NOW + 100})
    assert verify(token, SECRET, NOW + 99)["sub"] == 3
    refused(token, now=NOW + 100)
    refused(token, now=NOW + 10_000)


@pytest.mark.parametrize("exp", [None, "1900000000", True, 1.9e9, [NOW + 60]], ids=["missing", "a string", "true", "a float", "a list"])
def test_an_expiry_that_is_not_a_whole_number_is_refused(exp):
    payload = {"sub": 3, "iat": NOW}
    if exp is not None:
        payload["exp"] = exp
    refused(make(payload))


def test_a_changed_payload_is_refused():
    token = sign({"sub": 7, "role": "member"}, SECRET, NOW)
    header, _, signature = token.split(".")
    forged = part({"sub": 7, "role": "admin", "iat": NOW, "exp": NOW + 3600})
    refused(f"{header}.{forged}.{signature}")


def test_the_signature_of_another_token_is_refused():
    mine = sign({"sub": 7}, SECRET, NOW)
    other = sign({"sub": 8}, SECRET, NOW)
    refused(".".join(mine.split(".")[:2] + other.split(".")[2:]))


def test_a_token_signed_with_another_secret_is_refused():
    refused(make({"sub": 1, "role": "admin", "exp": NOW + 60}, secret=OTHER_SECRET))
    refused(sign({"sub": 1}, OTHER_SECRET, NOW))


@pytest.mark.parametrize("position", [0, 10, 42], ids=["first", "eleventh", "last"])
def test_a_signature_with_one_character_changed_is_refused(position):
    header_part, payload_part, signature = sign({"sub": 7}, SECRET, NOW).split(".")
    alphabet = string.ascii_uppercase + string.ascii_lowercase + string.digits + "-_"
    # Flipping the highest of the 6 bits of a character changes the bytes it decodes to,
    # even in the last character, whose 2 lowest bits are only padding.
    changed = alphabet[alphabet.index(signature[position]) ^ 0b100000]
    signature = signature[:position] + changed + signature[position + 1:]
    refused(f"{header_part}.{payload_part}.{signature}")


def test_a_cut_or_missing_signature_is_refused():
    token = sign({"sub": 7}, SECRET, NOW)
    refused(token[:-5])
    refused(token.rpartition(".")[0] + ".")


@pytest.mark.parametrize(
    "header, signature",
    [
        ({"alg": "none", "typ": "JWT"}, ""),
        ({"alg": "none", "typ": "JWT"}, "c2lnbmF0dXJl"),
        ({"alg": "None"}, ""),
        ({"typ": "JWT"}, None),
        ({"alg": "HS512", "typ": "JWT"}, None),
        ({"alg": "hs256", "typ": "JWT"}, None),
        ({"alg": ["HS256"]}, None),
    ],
    ids=["alg none, no signature", "alg none, some signature", "alg None", "no alg", "HS512 signed as HS256",
         "hs256 in small letters", "alg in a list"],
)
def test_a_header_other_than_hs256_is_refused(header, signature):
    payload = {"sub": 1, "role": "admin", "iat": NOW, "exp": NOW + 3600}
    if signature is None:
        token = make(payload, header=header)
    else:
        token = part(header) + "." + part(payload) + "." + signature
    refused(token)


def test_a_signature_made_with_sha512_is_refused():
    refused(make({"sub": 1, "exp": NOW + 60}, digest=hashlib.sha512))


@pytest.mark.parametrize(
    "token",
    ["", "abc", "a.b", "a.b.c.d", "..", "é.é.é", "!!!.???.***", None, 42, b"a.b.c"],
    ids=["empty", "one part", "two parts", "four parts", "only dots", "not ascii", "not base64", "None", "a number", "bytes"],
)
def test_a_malformed_token_is_refused(token):
    refused(token)


def test_parts_that_are_not_json_objects_are_refused():
    payload = part({"sub": 1, "exp": NOW + 60})

    def signed(header_part, payload_part):
        signing_input = header_part + "." + payload_part
        return signing_input + "." + b64(hmac.new(SECRET, signing_input.encode(), hashlib.sha256).digest())

    refused(signed(b64(b"not json"), payload))
    refused(signed(part(HS256), b64(b"not json")))
    refused(signed(part(HS256), part([1, 2, 3])))
    refused(signed(part(HS256), b64(b"\xff\xfe\x00")))
    refused(signed(part(["HS256"]), payload))


@pytest.mark.parametrize("secret", [b"short", b"x" * 31, "a-str-secret-that-is-long-enough-0123", None])
def test_a_weak_secret_is_a_value_error(secret):
    with pytest.raises(ValueError):
        sign({"sub": 1}, secret, NOW)
    with pytest.raises(ValueError):
        verify(make({"sub": 1, "exp": NOW + 60}), secret, NOW)


@pytest.mark.parametrize("ttl", [0, -60, True, 1.5, "60", None])
def test_a_wrong_lifetime_is_a_value_error(ttl):
    with pytest.raises(ValueError):
        sign({"sub": 1}, SECRET, NOW, ttl=ttl)
