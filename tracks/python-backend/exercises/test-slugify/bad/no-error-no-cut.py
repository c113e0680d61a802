# Weak: good titles only; never a cut that lands after a word, never a title that is all
# punctuation.
from slugs import slugify


def test_two_words():
    assert slugify("Hello World") == "hello-world"


def test_runs_of_separators():
    assert slugify("Rock & Roll -- Live") == "rock-roll-live"


def test_ends():
    assert slugify("  ...Why? ") == "why"


def test_accents():
    assert slugify("Crème Brûlée") == "creme-brulee"
