# Mistake (off by one): adds the book first and checks afterwards with `>`, so a card with
# a limit of 3 accepts a 4th book and refuses only the 5th.
class CardError(Exception):
    pass


class LimitReached(CardError):
    pass


class NotBorrowed(CardError):
    pass


class LibraryCard:
    def __init__(self, owner, limit=3):
        if limit < 1:
            raise ValueError(f"the limit must be 1 or more, got {limit}")
        self.owner = owner
        self.limit = limit
        self.books = []

    def borrow(self, title):
        if title in self.books:
            raise CardError(f"{self.owner} already has {title!r}")
        if len(self.books) > self.limit:
            raise LimitReached(f"{self.owner} already holds {self.limit} book(s), the limit")
        self.books.append(title)

    def give_back(self, title):
        if title not in self.books:
            raise NotBorrowed(f"{self.owner} has not borrowed {title!r}")
        self.books.remove(title)
