import base64
import random
import string
from collections import Counter

import pytest

import solution
from solution import new_code, new_token

ALPHABET = string.ascii_uppercase + string.ascii_lowercase + string.digits + "-_"


def test_a_token_is_a_string_of_43_url_safe_characters():
    for _ in range(20):
        token = new_token()
        assert type(token) is str, f"new_token() returned {token!r}, a {type(token).__name__}; expected a str"
        assert len(token) == 43, f"new_token() returned {token!r}, {len(token)} characters; expected 43"
        wrong = sorted(set(token) - set(ALPHABET))
        assert not wrong, f"new_token() returned {token!r}, with {wrong}: only A-Z, a-z, 0-9, - and _ may appear"


def test_a_token_holds_32_bytes_in_base64_without_padding():
    token = new_token()
    assert "=" not in token, f"new_token() returned {token!r}: leave out the = padding"
    raw = decode(token)
    assert len(raw) == 32, f"new_token() returned {token!r}, which decodes to {len(raw)} bytes; expected 32"


def test_tokens_never_repeat():
    tokens = [new_token() for _ in range(1000)]
    repeated = [t for t, n in Counter(tokens).items() if n > 1]
    assert repeated == [], f"1000 calls of new_token() gave these more than once: {repeated[:3]}"


def test_every_character_turns_up_about_as_often_as_the_others():
    # 1000 tokens x 42 characters (the 43rd holds only 4 bits) = 42,000 characters: each of
    # the 64 should turn up about 656 times; below 480 or above 840 is out of reach of chance.
    counts = Counter()
    for _ in range(1000):
        counts.update(new_token()[:42])
    rare = {c: counts[c] for c in ALPHABET if counts[c] < 480}
    common = {c: counts[c] for c in ALPHABET if counts[c] > 840}
    assert rare == {}, f"in 1000 tokens these characters were rare (expected about 656 each): {rare}"
    assert common == {}, f"in 1000 tokens these characters were too common (expected about 656 each): {common}"


def test_a_token_cannot_be_computed_from_the_tokens_before_it():
    # What an attacker does with tokens made by `random`: 78 tokens of 32 bytes hold 624 of
    # its 32-bit outputs, which is its whole internal state; every later output follows.
    tokens = [new_token() for _ in range(160)]
    following = new_token()
    for order in ("little", "big"):
        words = []
        for token in tokens:
            words += words_of(decode(token), order)
        if len(words) < 624:
            return
        clone = random.Random()
        clone.setstate((3, tuple([untemper(w) for w in words[-624:]] + [624]), None))
        guess = clone.getrandbits(256).to_bytes(32, order)
        assert following != encode(guess), (
            f"after 160 tokens, the next one, {following!r}, could be computed from them: "
            "they come from the random module, not from secrets"
        )


def test_reseeding_the_random_module_does_not_repeat_tokens():
    # An attacker who knows the seed (a start time, a fixed 42) can replay `random`.
    module = getattr(solution, "random", None)
    if module is None:
        pytest.skip("solution.py does not import the random module")
    for make in ("new_token()", "new_code()"):
        module.seed(2024)
        first = [call(make) for _ in range(3)]
        module.seed(2024)
        again = [call(make) for _ in range(3)]
        assert first != again, (
            f"after random.seed(2024), twice, three calls of {make} gave {first} both times: "
            "anyone who guesses the seed can make the same ones"
        )


def call(make):
    return new_token() if make == "new_token()" else new_code()


def test_a_code_has_six_digits_by_default():
    # One code in ten is below 100000: 300 codes leave a code without its leading zeros
    # unseen about once in 10^14 runs (20 codes missed it one run in eight).
    for _ in range(300):
        code = new_code()
        assert type(code) is str, f"new_code() returned {code!r}, a {type(code).__name__}; expected a str"
        assert len(code) == 6 and all(c in "0123456789" for c in code), (
            f"new_code() returned {code!r}; expected 6 characters 0-9"
        )


@pytest.mark.parametrize("digits", [4, 8, 12])
def test_a_code_has_the_number_of_digits_asked_for(digits):
    codes = [new_code(digits) for _ in range(200)]
    wrong = [c for c in codes if type(c) is not str or len(c) != digits or not all(d in "0123456789" for d in c)]
    assert wrong == [], f"new_code({digits}) gave {wrong[:3]}; expected {digits} characters 0-9 each time"


def test_every_digit_turns_up_in_every_place_even_a_leading_zero():
    # 1000 codes: each digit should be in each of the 6 places about 100 times.
    codes = [new_code() for _ in range(1000)]
    for place in range(6):
        counts = Counter(code[place] for code in codes if len(code) == 6)
        odd = {d: counts[d] for d in "0123456789" if not 45 <= counts[d] <= 160}
        assert odd == {}, (
            f"in 1000 codes, place {place + 1} held these digits too rarely or too often "
            f"(expected about 100 each): {odd}"
        )


@pytest.mark.parametrize("digits", [3, 13, 0, -6, 6.0, True, "6", None])
def test_a_wrong_number_of_digits_is_a_value_error(digits):
    with pytest.raises(ValueError):
        new_code(digits)


def decode(token):
    try:
        return base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except ValueError:
        return b""


def encode(raw):
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def words_of(raw, order):
    number = int.from_bytes(raw, order)
    return [(number >> (32 * i)) & 0xFFFFFFFF for i in range(len(raw) // 4)]


def untemper(y):
    """The inverse of the last step of random's generator: its output back to its state."""
    y ^= y >> 18
    y ^= (y << 15) & 0xEFC60000
    x = y
    for _ in range(5):
        x = y ^ ((x << 7) & 0x9D2C5680)
    y = x & 0xFFFFFFFF
    x = y
    for _ in range(3):
        x = y ^ (x >> 11)
    return x & 0xFFFFFFFF
