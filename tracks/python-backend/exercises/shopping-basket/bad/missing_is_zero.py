# Mistake: b[name] returns 0 for an article that is not in the basket instead of raising
# KeyError, so a typo in a name goes unnoticed.
class Basket:
    def __init__(self):
        self._prices = {}
        self._quantities = {}

    def add(self, name, price_cents, quantity=1):
        if quantity < 1:
            raise ValueError(f"the quantity must be 1 or more, got {quantity}")
        if price_cents < 0:
            raise ValueError(f"the price cannot be negative, got {price_cents}")
        known = self._prices.get(name)
        if known is not None and known != price_cents:
            raise ValueError(f"{name} is already in the basket at another price")
        self._prices[name] = price_cents
        self._quantities[name] = self._quantities.get(name, 0) + quantity

    @property
    def total_cents(self):
        return sum(self._prices[name] * quantity for name, quantity in self._quantities.items())

    def __len__(self):
        return sum(self._quantities.values())

    def __contains__(self, name):
        return name in self._quantities

    def __iter__(self):
        return iter(self._quantities)

    def __getitem__(self, name):
        return self._quantities.get(name, 0)

    def __add__(self, other):
        merged = Basket()
        for basket in (self, other):
            for name, quantity in basket._quantities.items():
                merged.add(name, basket._prices[name], quantity)
        return merged

    def __str__(self):
        count = len(self)
        if count == 0:
            return "empty basket"
        return f"{count} {'article' if count == 1 else 'articles'}, {self.total_cents / 100:.2f}"

    def __repr__(self):
        return f"Basket({self._quantities!r})"
