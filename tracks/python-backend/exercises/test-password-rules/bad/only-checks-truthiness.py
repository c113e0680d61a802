# Weak: only asks "is there a problem?", never which ones.
from passwords import password_problems


def test_strong_password():
    assert password_problems("Sunny-Day-42") == []


def test_short_password_has_a_problem():
    assert password_problems("Ab1")


def test_password_word_has_a_problem():
    assert password_problems("password123")
