import pytest

from solution import is_balanced


def test_empty_text_is_balanced():
    assert is_balanced("") == True


def test_one_pair_of_each_kind():
    assert is_balanced("()[]{}") == True


def test_nested_brackets():
    assert is_balanced("{[()()]}") == True


def test_other_characters_are_ignored():
    assert is_balanced('{"user": {"tags": ["a", "b"]}, "n": f(x)}') == True


@pytest.mark.parametrize(
    "text",
    ["(", "((", "([)]", ")(", "())", "]", "{[}", "(]"],
)
def test_unbalanced(text):
    assert is_balanced(text) == False
