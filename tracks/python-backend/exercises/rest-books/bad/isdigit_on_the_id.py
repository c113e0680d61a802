# Mistake: checks the id segment with isdigit() alone, so "/books/²" crashes in int()
# and "/books/٣" quietly finds book 3.
COLLECTION_METHODS = ("GET", "POST")
ITEM_METHODS = ("GET", "PUT", "DELETE")


def parse_path(path):
    """Return ("collection", None), ("item", book_id) or (None, None) for an unknown path."""
    if path == "/books":
        return "collection", None
    prefix, slash, segment = path.rpartition("/")
    if prefix == "/books" and slash and segment.isdigit():
        return "item", int(segment)
    return None, None


def field_errors(body):
    errors = {}
    title = body.get("title")
    if not isinstance(title, str) or not title.strip():
        errors["title"] = "a title is required"
    elif len(title.strip()) > 200:
        errors["title"] = "at most 200 characters"
    isbn = body.get("isbn")
    if not (isinstance(isbn, str) and len(isbn) == 13 and isbn.isascii() and isbn.isdigit()):
        errors["isbn"] = "13 digits 0-9 are required"
    for name in body:
        if name not in ("title", "isbn"):
            errors[name] = "not allowed"
    return errors


def error(status, message, headers=None):
    return status, headers or {}, {"error": message}


class BookApi:
    def __init__(self, editors):
        self.editors = set(editors)
        self.books = {}
        self.next_id = 1

    def handle(self, method, path, body=None, user=None):
        """Return (status, headers, response_body) for one request."""
        kind, book_id = parse_path(path)
        if kind is None:
            return error(404, f"{path} not found")
        allowed = COLLECTION_METHODS if kind == "collection" else ITEM_METHODS
        if method not in allowed:
            return error(405, f"{method} is not allowed here", {"Allow": ", ".join(allowed)})
        if method != "GET":
            if user is None:
                return error(401, "log in first", {"WWW-Authenticate": "Bearer"})
            if user not in self.editors:
                return error(403, f"{user} may not change books")
        if kind == "item" and book_id not in self.books:
            return error(404, f"book {book_id} not found")

        if method == "GET":
            if kind == "collection":
                return 200, {}, [dict(self.books[key]) for key in sorted(self.books)]
            return 200, {}, dict(self.books[book_id])
        if method == "DELETE":
            del self.books[book_id]
            return 204, {}, None
        return self.save(method, book_id, body)

    def save(self, method, book_id, body):
        if not isinstance(body, dict):
            return error(400, "the body must be a JSON object")
        errors = field_errors(body)
        if errors:
            return 422, {}, {"errors": errors}
        if any(book["isbn"] == body["isbn"] and key != book_id for key, book in self.books.items()):
            return error(409, f"a book with isbn {body['isbn']} already exists")
        if method == "POST":
            book_id = self.next_id
            self.next_id += 1
        book = {"id": book_id, "title": body["title"].strip(), "isbn": body["isbn"]}
        self.books[book_id] = book
        if method == "POST":
            return 201, {"Location": f"/books/{book_id}"}, dict(book)
        return 200, {}, dict(book)
