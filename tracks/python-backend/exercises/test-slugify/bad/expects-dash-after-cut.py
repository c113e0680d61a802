# Wrong expectation: expects the cut to keep the dash, so it fails on the correct code.
from slugs import slugify


def test_cut():
    assert slugify("alpha beta gamma", max_length=6) == "alpha-"


def test_two_words():
    assert slugify("Hello World") == "hello-world"
