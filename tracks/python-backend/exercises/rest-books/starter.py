class BookApi:
    def __init__(self, editors):
        self.editors = set(editors)
        self.books = {}

    def handle(self, method, path, body=None, user=None):
        """Return (status, headers, response_body) for one request."""
        if method == "GET" and path == "/books":
            return 200, {}, list(self.books.values())
        # TODO: the other resources and the checks of the table, in order.
        return 404, {}, {"error": f"{path} not found"}
