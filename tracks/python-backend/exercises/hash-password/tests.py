import hashlib
import string

import pytest

from solution import hash_password, needs_rehash, verify_password

HEX = set(string.hexdigits.lower()) - set("ABCDEF")


def made_elsewhere(password, salt_hex, iterations):
    """A stored hash made by the tests themselves, as another program would."""
    derived = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), bytes.fromhex(salt_hex), iterations)
    return f"pbkdf2_sha256${iterations}${salt_hex}${derived.hex()}"


def parts_of(stored):
    parts = stored.split("$") if type(stored) is str else []
    assert len(parts) == 4, f"hash_password returned {stored!r}; expected four parts joined by $"
    return parts


def test_the_stored_hash_has_four_parts_with_the_cost_in_it():
    stored = hash_password("correct horse battery staple", iterations=1000)
    scheme, cost, salt, derived = parts_of(stored)
    assert (scheme, cost) == ("pbkdf2_sha256", "1000"), f"hash_password(..., iterations=1000) returned {stored!r}"
    assert len(salt) == 32 and set(salt) <= HEX, f"the salt in {stored!r} is not 32 lowercase hex digits"
    assert len(derived) == 64 and set(derived) <= HEX, f"the hash in {stored!r} is not 64 lowercase hex digits"


@pytest.mark.parametrize("password", ["correct horse battery staple", "pässwörd 🔑", ""])
def test_the_hash_is_pbkdf2_sha256_of_the_utf8_password_and_the_salt_bytes(password):
    stored = hash_password(password, iterations=1000)
    _, _, salt, derived = parts_of(stored)
    expected = made_elsewhere(password, salt, 1000)
    assert stored == expected, (
        f"hash_password({password!r}, iterations=1000): the last part is not PBKDF2-HMAC-SHA256 "
        "of the UTF-8 password with the 16 bytes of the salt and 1000 iterations"
    )


def test_the_same_password_twice_gives_two_different_hashes():
    first = hash_password("hunter2hunter2", iterations=1000)
    second = hash_password("hunter2hunter2", iterations=1000)
    assert first != second, f"hash_password gave {first!r} twice for the same password: use a new random salt each time"


def test_every_hash_gets_its_own_salt():
    salts = [parts_of(hash_password("same password", iterations=1))[2] for _ in range(200)]
    assert len(set(salts)) == 200, f"200 hashes of one password used only {len(set(salts))} different salts"


def test_the_right_password_is_accepted():
    stored = hash_password("s3cret-Passw0rd", iterations=1000)
    result = verify_password("s3cret-Passw0rd", stored)
    assert result is True, f"verify_password('s3cret-Passw0rd', {stored!r}) returned {result!r}; expected True"


@pytest.mark.parametrize("guess", ["s3cret-passw0rd", "s3cret-Passw0rd ", "s3cret-Passw0r", "", "S3CRET-PASSW0RD"])
def test_a_wrong_password_is_refused(guess):
    stored = hash_password("s3cret-Passw0rd", iterations=1000)
    result = verify_password(guess, stored)
    assert result is False, f"verify_password({guess!r}, {stored!r}) returned {result!r}; expected False"


def test_a_unicode_password_is_accepted_only_exactly():
    stored = hash_password("crème brûlée 🍮", iterations=1000)
    assert verify_password("crème brûlée 🍮", stored) is True
    assert verify_password("creme brulee 🍮", stored) is False


def test_a_hash_made_elsewhere_with_another_cost_is_verified():
    stored = made_elsewhere("letmein-2019", "000102030405060708090a0b0c0d0e0f", 1234)
    result = verify_password("letmein-2019", stored)
    assert result is True, (
        f"verify_password('letmein-2019', {stored!r}) returned {result!r}; expected True: "
        "take the iterations and the salt from the stored hash"
    )
    assert verify_password("letmein-2020", stored) is False


def test_a_hash_written_in_uppercase_hex_is_verified():
    stored = made_elsewhere("Tr0ub4dor&3", "A0B1C2D3E4F5A6B7C8D9E0F1A2B3C4D5", 777)
    scheme, cost, salt, derived = stored.split("$")
    stored = "$".join([scheme, cost, salt, derived.upper()])
    result = verify_password("Tr0ub4dor&3", stored)
    assert result is True, f"verify_password('Tr0ub4dor&3', {stored!r}) returned {result!r}; expected True: compare bytes, not text"


def test_the_default_cost_is_600000():
    stored = hash_password("correct horse battery staple")
    assert parts_of(stored)[1] == "600000", f"hash_password('correct horse battery staple') returned {stored!r}"


GOOD_SALT = "00112233445566778899aabbccddeeff"
GOOD_HASH = hashlib.pbkdf2_hmac("sha256", b"pw", bytes.fromhex(GOOD_SALT), 10).hex()


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "not a hash",
        f"pbkdf2_sha256$10${GOOD_SALT}",
        f"pbkdf2_sha256$10${GOOD_SALT}${GOOD_HASH}$extra",
        f"pbkdf2_sha1$10${GOOD_SALT}${GOOD_HASH}",
        f"PBKDF2_SHA256$10${GOOD_SALT}${GOOD_HASH}",
        f"pbkdf2_sha256$0${GOOD_SALT}${GOOD_HASH}",
        f"pbkdf2_sha256$-10${GOOD_SALT}${GOOD_HASH}",
        f"pbkdf2_sha256$ten${GOOD_SALT}${GOOD_HASH}",
        f"pbkdf2_sha256$1²${GOOD_SALT}${GOOD_HASH}",
        f"pbkdf2_sha256$10.0${GOOD_SALT}${GOOD_HASH}",
        f"pbkdf2_sha256$$${GOOD_SALT}${GOOD_HASH}",
        f"pbkdf2_sha256$10$zz112233445566778899aabbccddeeff${GOOD_HASH}",
        f"pbkdf2_sha256$10${GOOD_SALT}${GOOD_HASH[:-1]}",
        f"pbkdf2_sha256$10${GOOD_SALT}${'é' * 64}",
        None,
    ],
    ids=["empty", "no dollars", "three parts", "five parts", "other scheme", "scheme in capitals",
         "cost 0", "negative cost", "cost in words", "cost with a ²", "cost with a dot", "cost empty",
         "salt not hex", "hash of odd length", "hash not ascii", "None"],
)
def test_a_malformed_stored_hash_never_matches_and_never_raises(stored):
    result = verify_password("pw", stored)
    assert result is False, f"verify_password('pw', {stored!r}) returned {result!r}; expected False"


def test_a_correct_hash_of_another_length_does_not_match():
    stored = f"pbkdf2_sha256$10${GOOD_SALT}${GOOD_HASH[:32]}"
    assert verify_password("pw", stored) is False


@pytest.mark.parametrize("iterations", [0, -1, 1.5, 1000.0, True, "1000", None])
def test_a_wrong_cost_is_a_value_error(iterations):
    with pytest.raises(ValueError):
        hash_password("pw", iterations=iterations)


def stored_with_cost(cost):
    # needs_rehash reads only the cost: no need to spend 100,000 iterations on the hash.
    return f"pbkdf2_sha256${cost}${GOOD_SALT}${GOOD_HASH}"


def test_a_hash_with_fewer_iterations_needs_rehashing():
    assert needs_rehash(stored_with_cost(100_000)) is True
    assert needs_rehash(stored_with_cost(100_000), iterations=100_001) is True


def test_a_hash_with_as_many_or_more_iterations_does_not():
    assert needs_rehash(stored_with_cost(100_000), iterations=100_000) is False
    assert needs_rehash(stored_with_cost(100_000), iterations=99_999) is False
    assert needs_rehash(stored_with_cost(700_000)) is False


def test_a_hash_of_another_scheme_needs_rehashing():
    assert needs_rehash(f"pbkdf2_sha1$700000${GOOD_SALT}${GOOD_HASH}") is True
    assert needs_rehash("5f4dcc3b5aa765d61d8327deb882cf99") is True
    assert needs_rehash(f"pbkdf2_sha256$7e5${GOOD_SALT}${GOOD_HASH}") is True
