# Cheat attempt: return an object that claims to equal anything, so every `==` in the
# tests is true. The grader only accepts plain values (numbers, strings, lists, dicts...)
# back from the solution, so this object never reaches a comparison: it must fail.


class AlwaysEqual:
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    def __getitem__(self, key):
        return AlwaysEqual()

    def __bool__(self):
        return True

    __hash__ = object.__hash__


def paginate(items, page, per_page=10):
    if page < 1 or per_page < 1:
        raise ValueError("page and per_page must be 1 or more")
    return AlwaysEqual()
