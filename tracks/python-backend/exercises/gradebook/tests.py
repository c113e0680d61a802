import pytest

from solution import averages, top_students

CLASS = {"Ada": [95, 88, 92], "Linus": [78, 85], "Grace": [], "Alan": [91.5]}


def test_averages_of_a_class():
    assert averages(CLASS) == {"Ada": 91.7, "Linus": 81.5, "Alan": 91.5}


def test_an_average_keeps_its_fraction():
    assert averages({"Ken": [90, 85]}) == {"Ken": 87.5}


def test_averages_are_rounded_to_one_decimal():
    assert averages({"Barbara": [70, 71, 71]}) == {"Barbara": 70.7}


def test_a_student_without_scores_is_left_out():
    assert averages({"Grace": [], "Dennis": [60]}) == {"Dennis": 60}


def test_no_students_at_all():
    assert averages({}) == {}
    assert top_students({}) == []


def test_top_students_by_default_need_90():
    assert top_students(CLASS) == ["Ada", "Alan"]


def test_top_students_with_another_minimum():
    assert top_students(CLASS, minimum=80) == ["Ada", "Alan", "Linus"]


def test_the_minimum_itself_is_enough():
    assert top_students({"Tim": [90], "Guido": [89.9]}) == ["Tim"]


def test_the_rounded_average_decides():
    # 89.97 rounds to 90.0, which is enough; 89.93 rounds to 89.9, which is not.
    grades = {"Margaret": [90, 90, 89.9], "Edsger": [90, 89.9, 89.9]}
    assert averages(grades) == {"Margaret": 90.0, "Edsger": 89.9}
    assert top_students(grades) == ["Margaret"]


def test_equal_averages_are_in_alphabetical_order():
    grades = {"Zoë": [95], "Bjarne": [95], "Anders": [100], "Ken": [95], "Brian": [80]}
    assert top_students(grades) == ["Anders", "Bjarne", "Ken", "Zoë"]


def test_the_best_comes_first_not_the_first_in_the_alphabet():
    grades = {"Ada": [91], "Zoë": [99], "Grace": [93, 97], "Ken": [90.5]}
    assert top_students(grades) == ["Zoë", "Grace", "Ada", "Ken"]


def test_nobody_reaches_a_high_minimum():
    assert top_students(CLASS, minimum=99) == []


def test_the_dict_given_is_not_changed():
    grades = {"Ada": [95, 88], "Grace": []}
    averages(grades)
    top_students(grades)
    assert grades == {"Ada": [95, 88], "Grace": []}
