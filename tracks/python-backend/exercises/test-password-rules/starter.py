from passwords import password_problems


def test_strong_password_breaks_no_rule():
    assert password_problems("Sunny-Day-42") == []


# Add your tests below: one test per rule or situation, each named for what it checks.
