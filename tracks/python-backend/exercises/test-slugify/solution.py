import pytest

from slugs import slugify


def test_words_are_joined_with_a_dash():
    assert slugify("Hello World") == "hello-world"


def test_a_run_of_separators_becomes_one_dash():
    assert slugify("Rock & Roll -- Live") == "rock-roll-live"


def test_punctuation_at_both_ends_leaves_no_dash():
    assert slugify("  ...Why? ") == "why"


def test_accented_letters_keep_their_base_letter():
    assert slugify("Crème Brûlée") == "creme-brulee"


def test_a_cut_right_after_a_word_leaves_no_dash():
    assert slugify("alpha beta gamma", max_length=6) == "alpha"


def test_the_slug_is_at_most_max_length():
    assert slugify("x" * 80) == "x" * 50


@pytest.mark.parametrize("title", ["", "!!! ???", "—"])
def test_a_title_without_letters_or_digits_is_refused(title):
    with pytest.raises(ValueError):
        slugify(title)
