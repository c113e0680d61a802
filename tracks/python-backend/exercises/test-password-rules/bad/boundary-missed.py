# Weak: the length rule is tested far from its boundary, and every example password keeps
# its capital at the start and its digits at the end.
from passwords import password_problems


def test_strong_password():
    assert password_problems("Sunny-Day-42") == []


def test_very_short():
    assert password_problems("Ab1") == ["at least 10 characters"]


def test_long_enough():
    assert password_problems("Abcdefghijklmn1") == []


def test_no_digit():
    assert password_problems("Sunny-Day-Out") == ["a digit"]


def test_password_in_capitals():
    assert password_problems("MyPASSWORD99") == ['not the word "password"']


def test_all_rules():
    assert password_problems("password") == ["at least 10 characters", "an uppercase letter", "a digit", 'not the word "password"']
