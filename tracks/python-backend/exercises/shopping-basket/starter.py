class Basket:
    def __init__(self):
        self._prices = {}
        self._quantities = {}

    def add(self, name, price_cents, quantity=1):
        self._prices[name] = price_cents
        self._quantities[name] = quantity

    # Add total_cents and the dunder methods: __len__, __contains__, __iter__,
    # __getitem__, __add__, __str__ and __repr__.
