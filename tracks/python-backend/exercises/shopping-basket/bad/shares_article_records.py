# Mistake: stores each article as a [price, quantity] list and __add__ copies only the
# outer dict, so the new basket shares those lists with the old one and adding up
# quantities changes the original basket too.
class Basket:
    def __init__(self):
        self._articles = {}

    def add(self, name, price_cents, quantity=1):
        if quantity < 1:
            raise ValueError(f"the quantity must be 1 or more, got {quantity}")
        if price_cents < 0:
            raise ValueError(f"the price cannot be negative, got {price_cents}")
        if name in self._articles:
            if self._articles[name][0] != price_cents:
                raise ValueError(f"{name} is already in the basket at another price")
            self._articles[name][1] += quantity
        else:
            self._articles[name] = [price_cents, quantity]

    @property
    def total_cents(self):
        return sum(price * quantity for price, quantity in self._articles.values())

    def __len__(self):
        return sum(quantity for _, quantity in self._articles.values())

    def __contains__(self, name):
        return name in self._articles

    def __iter__(self):
        return iter(self._articles)

    def __getitem__(self, name):
        return self._articles[name][1]

    def __add__(self, other):
        merged = Basket()
        merged._articles = dict(self._articles)
        for name, (price, quantity) in other._articles.items():
            merged.add(name, price, quantity)
        return merged

    def __str__(self):
        count = len(self)
        if count == 0:
            return "empty basket"
        return f"{count} {'article' if count == 1 else 'articles'}, {self.total_cents / 100:.2f}"

    def __repr__(self):
        return f"Basket({ {name: quantity for name, (_, quantity) in self._articles.items()} !r})"
