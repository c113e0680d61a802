import pytest

from solution import letter_grade


def test_a_top_score_is_an_a():
    assert letter_grade(100) == "A"


def test_a_zero_is_an_f():
    assert letter_grade(0) == "F"


@pytest.mark.parametrize(
    "score, expected",
    [(90, "A"), (89.9, "B"), (80, "B"), (79.5, "C"), (70, "C"), (69, "D"), (60, "D"), (59.99, "F")],
)
def test_boundaries(score, expected):
    assert letter_grade(score) == expected


def test_middle_of_each_band():
    assert [letter_grade(s) for s in (95, 85, 75, 65, 30)] == ["A", "B", "C", "D", "F"]


@pytest.mark.parametrize("score", [95.5, 99.99, 100.0, 90.0])
def test_scores_with_decimals_in_the_a_band(score):
    assert letter_grade(score) == "A"


def test_above_100_raises_value_error():
    with pytest.raises(ValueError, match="between 0 and 100"):
        letter_grade(101)


def test_negative_raises_value_error():
    with pytest.raises(ValueError):
        letter_grade(-1)


@pytest.mark.parametrize("score", [100.5, -0.5, 100.01, 1000])
def test_scores_just_outside_the_range_raise_value_error(score):
    with pytest.raises(ValueError):
        letter_grade(score)


def test_not_a_number_raises_value_error():
    with pytest.raises(ValueError):
        letter_grade(float("nan"))
