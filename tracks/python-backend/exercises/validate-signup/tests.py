import pytest

from solution import validate_signup

VALID = {"email": "ada@example.com", "password": "s3cretpass"}


def with_(**changes):
    payload = dict(VALID)
    payload.update(changes)
    return payload


def test_valid_payload_has_no_errors():
    assert validate_signup(VALID) == {}


def test_valid_payload_with_every_optional_field():
    assert validate_signup(with_(age=36, newsletter=True)) == {}


def test_payload_must_be_an_object():
    assert list(validate_signup(["ada@example.com", "s3cretpass"])) == ["payload"]
    assert list(validate_signup(None)) == ["payload"]


def test_missing_fields_are_reported():
    assert sorted(validate_signup({})) == ["email", "password"]


def test_every_problem_is_reported_at_once():
    errors = validate_signup({"email": "ada@", "password": "short1", "is_admin": True})
    assert sorted(errors) == ["email", "is_admin", "password"]


def test_messages_are_non_empty_strings():
    errors = validate_signup({"email": 42, "password": None})
    assert all(isinstance(m, str) and m for m in errors.values())
    assert sorted(errors) == ["email", "password"]


@pytest.mark.parametrize(
    "email",
    ["ada.example.com", "@example.com", "ada@", "ada@example", "ada@.com", "ada@example.",
     "ada@@example.com", "ada@exa@mple.com", "ada lovelace@example.com", ""],
)
def test_invalid_emails(email):
    assert list(validate_signup(with_(email=email))) == ["email"]


def test_unusual_but_valid_emails():
    assert validate_signup(with_(email="ada.lovelace+news@mail.example.co.uk")) == {}
    assert validate_signup(with_(email="a@b.c")) == {}


@pytest.mark.parametrize(
    "email",
    ["ada@example.com\n", "ada@example.com\t", "ada\t@example.com", "\nada@example.com", "ada@example.com\r\n",
     "ada@exam\u00a0ple.com", " ada@example.com"],
    ids=["a newline at the end", "a tab at the end", "a tab inside", "a newline in front", "CR LF at the end",
         "a no-break space", "a space in front"],
)
def test_no_whitespace_at_all_in_the_email(email):
    assert list(validate_signup(with_(email=email))) == ["email"]


def test_password_of_exactly_8_characters_is_enough():
    assert validate_signup(with_(password="abcdefg1")) == {}


@pytest.mark.parametrize("password", ["abcdef1", "abcdefgh", "12345678", 12345678])
def test_weak_or_wrong_passwords(password):
    assert list(validate_signup(with_(password=password))) == ["password"]


@pytest.mark.parametrize(
    "password", ["abcdefg²", "abcdefg٣", "¹²³abcde", "abcdefg①"],
    ids=["a superscript two", "an Arabic-Indic three", "superscripts in front", "a circled one"],
)
def test_only_0_to_9_count_as_digits(password):
    assert list(validate_signup(with_(password=password))) == ["password"]


@pytest.mark.parametrize("password", ["pässwörd1", "жжжжжжж7", "Ωmega2024", "🚀🚀🚀🚀🚀🚀a1"], ids=["umlauts", "cyrillic", "greek", "emoji"])
def test_letters_of_any_alphabet_count_and_length_counts_characters(password):
    assert validate_signup(with_(password=password)) == {}


def test_seven_characters_are_too_few_even_as_emoji():
    assert list(validate_signup(with_(password="ab1🚀🚀🚀🚀"))) == ["password"]


@pytest.mark.parametrize("age", [13, 130])
def test_age_limits_are_included(age):
    assert validate_signup(with_(age=age)) == {}


@pytest.mark.parametrize(
    "age",
    [12, 131, -13, 10**100, "20", 20.5, 20.0, 13.0, True, False, None, float("nan"), float("inf"), [20]],
    ids=["12", "131", "negative", "huge", "a string", "20.5", "20.0", "13.0", "True", "False", "None", "nan", "inf", "a list"],
)
def test_invalid_ages(age):
    assert list(validate_signup(with_(age=age))) == ["age"]


@pytest.mark.parametrize("newsletter", [True, False])
def test_newsletter_choice(newsletter):
    assert validate_signup(with_(newsletter=newsletter)) == {}


@pytest.mark.parametrize("newsletter", [1, 0, "yes", None])
def test_newsletter_must_be_a_real_bool(newsletter):
    assert list(validate_signup(with_(newsletter=newsletter))) == ["newsletter"]


def test_a_payload_with_a_problem_in_every_field():
    payload = {"email": "grace@localhost", "password": "²²²²²²²²", "age": 12.0, "newsletter": "no", "role": "admin", "id": 1}
    assert sorted(validate_signup(payload)) == ["age", "email", "id", "newsletter", "password", "role"]


def test_the_payload_is_not_changed():
    payload = {"email": " ada@example.com", "password": "short", "is_admin": True}
    validate_signup(payload)
    assert payload == {"email": " ada@example.com", "password": "short", "is_admin": True}


def test_unknown_fields_are_reported_by_name():
    assert sorted(validate_signup(with_(is_admin=True, role="owner"))) == ["is_admin", "role"]
