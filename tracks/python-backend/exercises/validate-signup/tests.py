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


def test_password_of_exactly_8_characters_is_enough():
    assert validate_signup(with_(password="abcdefg1")) == {}


@pytest.mark.parametrize("password", ["abcdef1", "abcdefgh", "12345678", 12345678])
def test_weak_or_wrong_passwords(password):
    assert list(validate_signup(with_(password=password))) == ["password"]


@pytest.mark.parametrize("age", [13, 130])
def test_age_limits_are_included(age):
    assert validate_signup(with_(age=age)) == {}


@pytest.mark.parametrize("age", [12, 131, "20", 20.5, True, None])
def test_invalid_ages(age):
    assert list(validate_signup(with_(age=age))) == ["age"]


@pytest.mark.parametrize("newsletter", [True, False])
def test_newsletter_choice(newsletter):
    assert validate_signup(with_(newsletter=newsletter)) == {}


@pytest.mark.parametrize("newsletter", [1, 0, "yes", None])
def test_newsletter_must_be_a_real_bool(newsletter):
    assert list(validate_signup(with_(newsletter=newsletter))) == ["newsletter"]


def test_unknown_fields_are_reported_by_name():
    assert sorted(validate_signup(with_(is_admin=True, role="owner"))) == ["is_admin", "role"]
