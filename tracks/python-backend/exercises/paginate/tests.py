import pytest

from solution import paginate

LETTERS = ["a", "b", "c", "d", "e"]


def test_first_page():
    assert paginate(LETTERS, 1, 2) == {
        "items": ["a", "b"],
        "page": 1,
        "per_page": 2,
        "total": 5,
        "pages": 3,
        "has_prev": False,
        "has_next": True,
    }


def test_middle_page():
    assert paginate(LETTERS, 2, 2) == {
        "items": ["c", "d"],
        "page": 2,
        "per_page": 2,
        "total": 5,
        "pages": 3,
        "has_prev": True,
        "has_next": True,
    }


def test_last_page_may_be_shorter():
    result = paginate(LETTERS, 3, 2)
    assert result["items"] == ["e"]
    assert (result["has_prev"], result["has_next"]) == (True, False)


def test_exact_fit_has_no_extra_page():
    result = paginate(list(range(20)), 2, 10)
    assert result["items"] == list(range(10, 20))
    assert result["pages"] == 2
    assert result["has_next"] == False


def test_default_page_size_is_10():
    result = paginate(list(range(25)), 3)
    assert result["items"] == [20, 21, 22, 23, 24]
    assert (result["per_page"], result["pages"]) == (10, 3)


def test_page_after_the_last_is_empty():
    result = paginate(LETTERS, 9, 2)
    assert result["items"] == []
    assert (result["pages"], result["has_prev"], result["has_next"]) == (3, True, False)


def test_no_items_at_all():
    assert paginate([], 1, 10) == {
        "items": [],
        "page": 1,
        "per_page": 10,
        "total": 0,
        "pages": 0,
        "has_prev": False,
        "has_next": False,
    }


def test_items_of_any_kind():
    tasks = [{"id": n, "done": n % 2 == 0} for n in range(1, 6)]
    assert paginate(tasks, 2, 3)["items"] == [{"id": 4, "done": True}, {"id": 5, "done": False}]


@pytest.mark.parametrize("page, per_page", [(0, 10), (-1, 10), (1, 0), (1, -5)])
def test_page_and_page_size_below_1_are_errors(page, per_page):
    with pytest.raises(ValueError):
        paginate(LETTERS, page, per_page)


def test_a_page_size_of_100_is_the_most():
    assert paginate(list(range(250)), 2, 100)["items"] == list(range(100, 200))
    with pytest.raises(ValueError):
        paginate(list(range(250)), 1, 101)
    with pytest.raises(ValueError):
        paginate(list(range(250)), 1, 1_000_000)


@pytest.mark.parametrize(
    "page, per_page",
    [(True, 10), (1, True), (False, 10), (2.5, 10), (2.0, 10), (1, 10.0), ("2", 10), (1, "10"), (None, 10), (1, None)],
    ids=["page True", "per_page True", "page False", "page 2.5", "page 2.0", "per_page 10.0", "page '2'",
         "per_page '10'", "page None", "per_page None"],
)
def test_numbers_that_are_not_whole_numbers_are_errors(page, per_page):
    with pytest.raises(ValueError):
        paginate(LETTERS, page, per_page)


def test_a_huge_page_number_is_just_empty():
    result = paginate(LETTERS, 10**18, 100)
    assert (result["items"], result["pages"], result["has_prev"], result["has_next"]) == ([], 1, True, False)


def test_a_tuple_of_items_gives_a_list():
    assert paginate(("x", "y", "z"), 2, 2)["items"] == ["z"]


def test_one_item_per_page():
    assert [paginate(LETTERS, p, 1)["items"] for p in range(1, 7)] == [["a"], ["b"], ["c"], ["d"], ["e"], []]
    assert paginate(LETTERS, 5, 1)["has_next"] == False
