import pytest

from solution import count_visit


def test_a_first_visit():
    assert count_visit("/about") == {"/about": 1}


def test_each_call_without_visits_starts_from_nothing():
    assert count_visit("/pricing") == {"/pricing": 1}
    assert count_visit("/pricing") == {"/pricing": 1}
    assert count_visit("/blog") == {"/blog": 1}


def test_a_visit_is_added_to_the_counts_so_far():
    assert count_visit("/about", {"/about": 3, "/": 7}) == {"/about": 4, "/": 7}


def test_a_new_page_is_added_to_the_counts_so_far():
    assert count_visit("/contact", {"/": 7}) == {"/": 7, "/contact": 1}


def test_the_query_string_is_not_part_of_the_page():
    assert count_visit("/search?q=tea&page=2", {"/search": 1}) == {"/search": 2}


def test_only_the_first_question_mark_starts_the_query_string():
    assert count_visit("/faq?q=why?") == {"/faq": 1}


def test_times_adds_several_visits():
    assert count_visit("/", times=5) == {"/": 5}
    assert count_visit("/", {"/": 1}, 2) == {"/": 3}


def test_every_argument_can_be_given_by_name():
    assert count_visit(times=2, page="/café", visits={"/café": 1}) == {"/café": 3}


@pytest.mark.parametrize("times", [0, -1])
def test_times_below_1_is_an_error(times):
    with pytest.raises(ValueError):
        count_visit("/", times=times)


def test_an_empty_dict_given_is_used_as_it_is():
    assert count_visit("/", {}) == {"/": 1}


def test_the_dict_given_is_not_changed():
    visits = {"/about": 3}
    count_visit("/about", visits)
    assert visits == {"/about": 3}


def test_after_counting_with_a_dict_a_call_without_one_starts_from_nothing_again():
    count_visit("/shop", {"/shop": 41})
    count_visit("/shop", times=3)
    assert count_visit("/shop") == {"/shop": 1}
