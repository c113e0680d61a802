class CardError(Exception):
    """Something the library card cannot do."""


class LimitReached(CardError):
    pass


class NotBorrowed(CardError):
    pass


class LibraryCard:
    def __init__(self, owner, limit=3):
        self.owner = owner
        self.limit = limit
        self.books = []

    def borrow(self, title):
        pass

    def give_back(self, title):
        pass
