import pytest

from solution import is_balanced


def test_empty_text_is_balanced():
    assert is_balanced("") is True


def test_one_pair_of_each_kind():
    assert is_balanced("()[]{}") is True


def test_nested_brackets():
    assert is_balanced("{[()()]}") is True


def test_other_characters_are_ignored():
    assert is_balanced('{"user": {"tags": ["a", "b"]}, "n": f(x)}') is True


def test_text_without_brackets_is_balanced():
    assert is_balanced("no brackets here, just words") is True


def test_accents_emoji_and_other_brackets_are_ignored():
    assert is_balanced("(café 🙂) «[naïve]» （") is True


@pytest.mark.parametrize(
    "text",
    ["(", "((", "([)]", ")(", "())", "]", "{[}", "(]"],
)
def test_unbalanced(text):
    assert is_balanced(text) is False


@pytest.mark.parametrize("text", ["{", "}", "}{", "{(})", "{{}", "x}"])
def test_curly_brackets_count_too(text):
    assert is_balanced(text) is False


def test_a_closing_bracket_first_is_unbalanced_even_if_the_counts_match():
    assert is_balanced("]a[") is False


def test_the_answer_is_a_bool():
    assert is_balanced("[]") is True
    assert is_balanced("[") is False


def test_50000_nested_round_brackets():
    text = "(" * 50_000 + ")" * 50_000
    assert is_balanced(text) is True, "50,000 '(' then 50,000 ')': expected True"


def test_deep_nesting_of_all_three_kinds():
    text = "([{" * 16_000 + "}])" * 16_000
    assert is_balanced(text) is True, "'([{' 16,000 times then '}])' 16,000 times: expected True"


def test_deep_nesting_with_one_mistake_at_the_very_end():
    text = "([{" * 16_000 + "}])" * 15_999 + ")]}"
    assert is_balanced(text) is False, "'([{' 16,000 times, then '}])' 15,999 times and ')]}': expected False"
