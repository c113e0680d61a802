import pytest

import solution


def refused(call, *args):
    """Calls the solution and returns the name of the error it raised (None if none)."""
    try:
        call(*args)
    except Exception as error:
        return type(error).__name__
    return None


def library():
    session = solution.new_session()
    ada = solution.add_author(session, "Ada")
    grace = solution.add_author(session, "Grace")
    return session, ada, grace


def test_ids_are_numbered_from_1():
    session = solution.new_session()
    assert solution.add_author(session, "Ada") == 1
    assert solution.add_author(session, "Grace") == 2
    assert solution.add_book(session, 2, "Compilers", 2500) == 1
    assert solution.add_book(session, 1, "Notes", 900) == 2


def test_the_example_of_the_readme():
    session, ada, grace = library()
    solution.add_book(session, ada, "Sketches", 1500)
    solution.add_book(session, ada, "Notes", 900)
    assert solution.catalogue(session) == [("Ada", ["Notes", "Sketches"]), ("Grace", [])]


def test_a_new_database_is_empty():
    assert solution.catalogue(solution.new_session()) == []


def test_two_sessions_share_nothing():
    first = solution.new_session()
    solution.add_author(first, "Ada")
    second = solution.new_session()
    assert solution.catalogue(second) == [], "an author added through new_session() #1 is visible in new_session() #2"
    assert solution.add_author(second, "Ada") == 1


def test_the_catalogue_is_sorted_by_name_and_lists_authors_without_books():
    session = solution.new_session()
    for name in ["Zoë", "Linus", "Émile", "Barbara", "Ada"]:
        solution.add_author(session, name)
    solution.add_book(session, 2, "Kernels", 3000)
    assert solution.catalogue(session) == [
        ("Ada", []), ("Barbara", []), ("Linus", ["Kernels"]), ("Zoë", []), ("Émile", []),
    ]


def test_the_relationship_sorts_books_by_title():
    session, ada, grace = library()
    for title in ["Zebras", "Apples", "Mangoes", "Bananas"]:
        solution.add_book(session, ada, title, 100)
    author = session.get(solution.Author, ada)
    assert [book.title for book in author.books] == ["Apples", "Bananas", "Mangoes", "Zebras"]


def test_a_book_knows_its_author():
    session, ada, grace = library()
    book_id = solution.add_book(session, grace, "Compilers", 2500)
    book = session.get(solution.Book, book_id)
    assert (book.title, book.price_cents, book.author_id, book.author.name) == ("Compilers", 2500, grace, "Grace")


def test_appending_a_book_to_an_author_sets_its_author_before_saving():
    session, ada, grace = library()
    author = session.get(solution.Author, grace)
    book = solution.Book(title="Nanoseconds", price_cents=0)
    author.books.append(book)
    assert book.author is not None, "after grace.books.append(book), book.author is None: do the relationships mirror each other?"
    assert book.author.name == "Grace"


def test_a_name_that_exists_is_refused_by_the_database():
    session, ada, grace = library()
    assert refused(solution.add_author, session, "Ada") == "IntegrityError"


def test_the_session_still_works_after_a_refused_row():
    session, ada, grace = library()
    refused(solution.add_author, session, "Ada")
    assert solution.add_author(session, "Linus") == 3
    refused(solution.add_book, session, ada, "Debts", -100)
    assert solution.add_book(session, ada, "Notes", 900) == 1
    assert solution.catalogue(session) == [("Ada", ["Notes"]), ("Grace", []), ("Linus", [])]


def test_a_refused_row_leaves_nothing_behind():
    session, ada, grace = library()
    refused(solution.add_book, session, ada, "Debts", -1)
    refused(solution.add_author, session, "Grace")
    assert solution.catalogue(session) == [("Ada", []), ("Grace", [])]


def test_names_differing_in_case_are_different_authors():
    session, ada, grace = library()
    assert solution.add_author(session, "ada") == 3


@pytest.mark.parametrize("price, outcome", [(-1, "IntegrityError"), (-2500, "IntegrityError"), (0, None), (1, None)])
def test_a_price_may_be_zero_but_never_negative(price, outcome):
    session, ada, grace = library()
    assert refused(solution.add_book, session, ada, "A book", price) == outcome


def test_a_book_needs_a_title_and_a_price():
    session, ada, grace = library()
    assert refused(solution.add_book, session, ada, None, 100) == "IntegrityError"
    assert refused(solution.add_book, session, ada, "No price", None) == "IntegrityError"


def test_an_author_needs_a_name():
    session = solution.new_session()
    assert refused(solution.add_author, session, None) == "IntegrityError"


@pytest.mark.parametrize("author_id", [3, 999, None])
def test_a_book_of_an_author_who_does_not_exist_is_refused(author_id):
    session, ada, grace = library()
    assert refused(solution.add_book, session, author_id, "Ghost writing", 100) == "IntegrityError"


def test_a_book_title_may_repeat_across_authors():
    session, ada, grace = library()
    solution.add_book(session, ada, "Notes", 100)
    solution.add_book(session, grace, "Notes", 200)
    assert solution.catalogue(session) == [("Ada", ["Notes"]), ("Grace", ["Notes"])]
