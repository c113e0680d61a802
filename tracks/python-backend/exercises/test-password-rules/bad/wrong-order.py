# Wrong expectation: lists the messages in another order than the documented one, so the
# test fails on the correct code.
from passwords import password_problems


def test_every_broken_rule():
    assert password_problems("password") == ['not the word "password"', "at least 10 characters", "an uppercase letter", "a digit"]
