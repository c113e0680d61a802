import pytest

from solution import BookApi

DUNE = {"title": "Dune", "isbn": "9780441172719"}
EMMA = {"title": "Emma", "isbn": "9780141439587"}
ULYSSES = {"title": "Ulysses", "isbn": "9780199535675"}


def api_with_books(*books):
    api = BookApi(["ada", "linus"])
    for book in books:
        status, _, created = api.handle("POST", "/books", dict(book), user="ada")
        assert status == 201, f"could not create {book} to prepare the test: got status {status}, {created!r}"
    return api


def status_of(api, method, path, body=None, user=None):
    return api.handle(method, path, body, user)[0]


class TestReading:
    def test_an_empty_catalogue(self):
        assert api_with_books().handle("GET", "/books") == (200, {}, [])

    def test_list_sorted_by_id(self):
        api = api_with_books(EMMA, DUNE)
        assert api.handle("GET", "/books") == (200, {}, [
            {"id": 1, "title": "Emma", "isbn": "9780141439587"},
            {"id": 2, "title": "Dune", "isbn": "9780441172719"},
        ])

    def test_one_book(self):
        api = api_with_books(EMMA, DUNE)
        assert api.handle("GET", "/books/2") == (200, {}, {"id": 2, "title": "Dune", "isbn": "9780441172719"})

    def test_leading_zeros_in_the_id(self):
        api = api_with_books(EMMA)
        assert api.handle("GET", "/books/001")[0] == 200

    def test_reading_needs_no_user(self):
        api = api_with_books(DUNE)
        assert status_of(api, "GET", "/books/1", user=None) == 200

    def test_a_book_that_does_not_exist(self):
        api = api_with_books(DUNE)
        status, headers, body = api.handle("GET", "/books/2")
        assert (status, headers, list(body)) == (404, {}, ["error"])


class TestCreating:
    def test_create_answers_201_with_location_and_the_book(self):
        api = api_with_books()
        assert api.handle("POST", "/books", {"title": "Dune", "isbn": "9780441172719"}, "ada") == (
            201, {"Location": "/books/1"}, {"id": 1, "title": "Dune", "isbn": "9780441172719"},
        )

    def test_the_title_is_stored_without_surrounding_spaces(self):
        api = api_with_books()
        assert api.handle("POST", "/books", {"title": "  Emma ", "isbn": "9780141439587"}, "linus")[2] == (
            {"id": 1, "title": "Emma", "isbn": "9780141439587"}
        )

    def test_ids_are_never_reused(self):
        api = api_with_books(DUNE, EMMA)
        assert status_of(api, "DELETE", "/books/2", user="ada") == 204
        status, headers, book = api.handle("POST", "/books", dict(ULYSSES), "ada")
        assert (status, headers, book["id"]) == (201, {"Location": "/books/3"}, 3)
        assert [b["id"] for b in api.handle("GET", "/books")[2]] == [1, 3]

    def test_two_apis_do_not_share_books(self):
        first = api_with_books(DUNE)
        second = BookApi(["ada"])
        assert second.handle("GET", "/books") == (200, {}, [])
        assert first.handle("GET", "/books")[2] == [{"id": 1, "title": "Dune", "isbn": "9780441172719"}]


class TestChanging:
    def test_replace_keeps_the_id(self):
        api = api_with_books(DUNE, EMMA)
        assert api.handle("PUT", "/books/1", {"title": "Dune Messiah", "isbn": "9780593098233"}, "linus") == (
            200, {}, {"id": 1, "title": "Dune Messiah", "isbn": "9780593098233"},
        )
        assert api.handle("GET", "/books/1")[2] == {"id": 1, "title": "Dune Messiah", "isbn": "9780593098233"}

    def test_replace_with_its_own_isbn_is_not_a_conflict(self):
        api = api_with_books(DUNE)
        assert api.handle("PUT", "/books/1", {"title": "Dune (2nd ed.)", "isbn": "9780441172719"}, "ada")[0] == 200

    def test_delete_answers_204_without_a_body_and_the_book_is_gone(self):
        api = api_with_books(DUNE, EMMA)
        assert api.handle("DELETE", "/books/1", None, "ada") == (204, {}, None)
        assert status_of(api, "GET", "/books/1") == 404
        assert status_of(api, "DELETE", "/books/1", user="ada") == 404


class TestUnknownPaths:
    @pytest.mark.parametrize(
        "path",
        ["/books/", "/books/abc", "/books/1/extra", "/authors", "/book", "/books/-1", "/books/1.0", "/books/ 1", "/"],
    )
    def test_unknown_paths_get_404(self, path):
        assert status_of(api_with_books(DUNE), "GET", path) == 404

    @pytest.mark.parametrize("segment", ["²", "٣", "３", "1_0"], ids=["superscript two", "arabic-indic three", "fullwidth three", "underscore"])
    def test_ids_that_are_not_ascii_digits_are_unknown_paths(self, segment):
        api = api_with_books(DUNE, EMMA, ULYSSES)
        assert status_of(api, "GET", "/books/" + segment) == 404
        assert status_of(api, "DELETE", "/books/" + segment, user="ada") == 404


class TestMethods:
    @pytest.mark.parametrize("method, path, allow", [
        ("DELETE", "/books", "GET, POST"), ("PUT", "/books", "GET, POST"),
        ("POST", "/books/1", "GET, PUT, DELETE"), ("PATCH", "/books/1", "GET, PUT, DELETE"),
    ])
    def test_a_method_that_is_not_allowed_gets_405_with_allow(self, method, path, allow):
        status, headers, _ = api_with_books(DUNE).handle(method, path, dict(EMMA), "ada")
        assert (status, headers) == (405, {"Allow": allow})

    def test_405_comes_before_asking_for_a_user(self):
        assert status_of(api_with_books(DUNE), "PATCH", "/books/1", {"title": "x"}, None) == 405

    def test_405_even_for_a_book_that_does_not_exist(self):
        assert status_of(api_with_books(), "POST", "/books/9", dict(DUNE), "ada") == 405


class TestWhoMayChange:
    @pytest.mark.parametrize("method, path", [("POST", "/books"), ("PUT", "/books/1"), ("DELETE", "/books/1")])
    def test_no_user_gets_401_with_www_authenticate(self, method, path):
        status, headers, _ = api_with_books(DUNE).handle(method, path, dict(EMMA), None)
        assert (status, headers) == (401, {"WWW-Authenticate": "Bearer"})

    @pytest.mark.parametrize("method, path", [("POST", "/books"), ("PUT", "/books/1"), ("DELETE", "/books/1")])
    def test_a_user_who_is_not_an_editor_gets_403(self, method, path):
        api = api_with_books(DUNE)
        status, headers, _ = api.handle(method, path, dict(EMMA), "grace")
        assert (status, headers) == (403, {})
        assert api.handle("GET", "/books/1")[2] == {"id": 1, "title": "Dune", "isbn": "9780441172719"}

    def test_403_comes_before_404(self):
        assert status_of(api_with_books(), "DELETE", "/books/9", user="grace") == 403

    def test_404_comes_before_looking_at_the_body(self):
        assert status_of(api_with_books(), "PUT", "/books/9", "not a dict", "ada") == 404


class TestValidation:
    @pytest.mark.parametrize("body", [None, [1, 2], "Dune", 42], ids=["nothing", "a list", "a string", "a number"])
    def test_a_body_that_is_not_a_dict_gets_400(self, body):
        assert status_of(api_with_books(), "POST", "/books", body, "ada") == 400

    @pytest.mark.parametrize("body, fields", [
        ({"title": "Dune"}, ["isbn"]),
        ({}, ["isbn", "title"]),
        ({"title": "   ", "isbn": "9780441172719"}, ["title"]),
        ({"title": "x" * 201, "isbn": "9780441172719"}, ["title"]),
        ({"title": 42, "isbn": 9780441172719}, ["isbn", "title"]),
        ({"title": "Dune", "isbn": "978044117271"}, ["isbn"]),
        ({"title": "Dune", "isbn": "97804411727190"}, ["isbn"]),
        ({"title": "Dune", "isbn": "978-0441172719"}, ["isbn"]),
        ({"title": "Dune", "isbn": "٩٧٨٠٤٤١١٧٢٧١٩"}, ["isbn"]),
        ({"title": "Dune", "isbn": "9780441172719", "price": 9}, ["price"]),
    ], ids=["missing isbn", "empty body", "blank title", "title too long", "wrong types", "12 digits",
            "14 digits", "a dash", "arabic-indic digits", "extra field"])
    def test_invalid_fields_get_422_naming_each_one(self, body, fields):
        status, headers, response = api_with_books().handle("POST", "/books", body, "ada")
        assert (status, headers) == (422, {})
        assert sorted(response["errors"]) == fields

    def test_a_title_of_exactly_200_characters_is_fine(self):
        assert status_of(api_with_books(), "POST", "/books", {"title": "x" * 200, "isbn": "9780441172719"}, "ada") == 201

    def test_a_failed_create_stores_nothing(self):
        api = api_with_books()
        api.handle("POST", "/books", {"title": "", "isbn": "1"}, "ada")
        assert api.handle("GET", "/books") == (200, {}, [])
        assert api.handle("POST", "/books", dict(DUNE), "ada")[2]["id"] == 1


class TestConflicts:
    def test_creating_a_second_book_with_the_same_isbn_gets_409(self):
        api = api_with_books(DUNE)
        status, headers, body = api.handle("POST", "/books", {"title": "Dune again", "isbn": "9780441172719"}, "ada")
        assert (status, headers, list(body)) == (409, {}, ["error"])
        assert len(api.handle("GET", "/books")[2]) == 1

    def test_taking_another_books_isbn_gets_409(self):
        api = api_with_books(DUNE, EMMA)
        assert status_of(api, "PUT", "/books/2", {"title": "Emma", "isbn": "9780441172719"}, "ada") == 409

    def test_422_comes_before_409(self):
        api = api_with_books(DUNE)
        assert status_of(api, "POST", "/books", {"title": "", "isbn": "9780441172719"}, "ada") == 422
