# Weak: every title is plain ASCII with single spaces, so accents and runs of separators are
# never tried.
import pytest

from slugs import slugify


def test_two_words():
    assert slugify("Hello World") == "hello-world"


def test_capitals():
    assert slugify("FastAPI Tips") == "fastapi-tips"


def test_cut():
    assert slugify("alpha beta gamma", max_length=6) == "alpha"


def test_question_mark_at_the_end():
    assert slugify("Why?") == "why"


def test_nothing_left():
    with pytest.raises(ValueError):
        slugify("???")
