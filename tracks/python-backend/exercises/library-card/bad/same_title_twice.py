# Mistake: never checks whether the title is already on the card, so the same book can
# be borrowed twice.
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
        if len(self.books) >= self.limit:
            raise LimitReached(f"{self.owner} already holds {self.limit} book(s), the limit")
        self.books.append(title)

    def give_back(self, title):
        if title not in self.books:
            raise NotBorrowed(f"{self.owner} has not borrowed {title!r}")
        self.books.remove(title)
