import pytest

from solution import CardError, LibraryCard, LimitReached, NotBorrowed


def test_a_new_card_has_an_owner_a_limit_of_3_and_no_books():
    card = LibraryCard("Ada")
    assert card.owner == "Ada"
    assert card.limit == 3
    assert card.books == []


def test_borrowed_books_are_listed_in_order():
    card = LibraryCard("Ada")
    card.borrow("Dune")
    card.borrow("Emma")
    assert card.books == ["Dune", "Emma"]


def test_giving_a_book_back_removes_it():
    card = LibraryCard("Ada")
    card.borrow("Dune")
    card.borrow("Emma")
    card.borrow("Ulysses")
    card.give_back("Emma")
    assert card.books == ["Dune", "Ulysses"]


def test_a_card_holds_exactly_its_limit():
    card = LibraryCard("Grace")
    for title in ("Dune", "Emma", "Ulysses"):
        card.borrow(title)
    assert card.books == ["Dune", "Emma", "Ulysses"]
    with pytest.raises(LimitReached):
        card.borrow("Beloved")
    assert card.books == ["Dune", "Emma", "Ulysses"]


def test_another_limit_can_be_chosen():
    card = LibraryCard("Linus", limit=1)
    assert card.limit == 1
    card.borrow("Ulysses")
    with pytest.raises(LimitReached):
        card.borrow("Beloved")


def test_giving_a_book_back_frees_a_place():
    card = LibraryCard("Linus", limit=2)
    card.borrow("Dune")
    card.borrow("Emma")
    card.give_back("Dune")
    card.borrow("Beloved")
    assert card.books == ["Emma", "Beloved"]


def test_giving_back_a_book_that_is_not_on_the_card_raises_not_borrowed():
    card = LibraryCard("Ken")
    card.borrow("Dune")
    with pytest.raises(NotBorrowed):
        card.give_back("Emma")
    assert card.books == ["Dune"]


def test_a_book_can_be_given_back_only_once():
    card = LibraryCard("Ken")
    card.borrow("Dune")
    card.give_back("Dune")
    with pytest.raises(NotBorrowed):
        card.give_back("Dune")


def test_the_same_title_twice_is_a_card_error():
    card = LibraryCard("Barbara")
    card.borrow("Emma")
    with pytest.raises(CardError):
        card.borrow("Emma")
    assert card.books == ["Emma"]


def test_limit_reached_and_not_borrowed_are_card_errors():
    card = LibraryCard("Barbara", limit=1)
    card.borrow("Emma")
    with pytest.raises(CardError):
        card.borrow("Dune")
    with pytest.raises(CardError):
        card.give_back("Dune")


def test_two_cards_keep_their_own_books():
    ada = LibraryCard("Ada")
    grace = LibraryCard("Grace", limit=5)
    ada.borrow("Dune")
    grace.borrow("Emma")
    assert ada.books == ["Dune"]
    assert grace.books == ["Emma"]
    assert (ada.limit, grace.limit) == (3, 5)


def test_titles_are_compared_exactly():
    card = LibraryCard("Zoë")
    card.borrow("Les Misérables")
    card.borrow("Les Miserables")
    assert card.books == ["Les Misérables", "Les Miserables"]


@pytest.mark.parametrize("limit", [0, -2])
def test_a_limit_below_1_is_a_value_error(limit):
    with pytest.raises(ValueError):
        LibraryCard("Alan", limit=limit)
