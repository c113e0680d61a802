from passwords import password_problems


def test_strong_password_breaks_no_rule():
    assert password_problems("Sunny-Day-42") == []


def test_exactly_ten_characters_is_long_enough():
    assert password_problems("Abcdefgh12") == []


def test_nine_characters_is_too_short():
    assert password_problems("Abcdefg12") == ["at least 10 characters"]


def test_missing_lowercase_letter():
    assert password_problems("SUNNY-DAY-42") == ["a lowercase letter"]


def test_uppercase_letter_in_the_middle_counts():
    assert password_problems("sunny-Day-42") == []


def test_digit_in_the_middle_counts():
    assert password_problems("Sunny4-Day-x") == []


def test_missing_digit():
    assert password_problems("Sunny-Day-Out") == ["a digit"]


def test_the_word_password_is_refused_in_any_case():
    assert password_problems("MyPassWord99") == ['not the word "password"']


def test_every_broken_rule_is_reported_in_order():
    assert password_problems("password") == ["at least 10 characters", "an uppercase letter", "a digit", 'not the word "password"']
