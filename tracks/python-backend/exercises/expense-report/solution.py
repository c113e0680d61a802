from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Expense:
    date: str
    category: str
    amount_cents: int
    note: str = ""


def parse_cents(text: str) -> int:
    """Euros with at most two decimals, as a whole number of cents, without float rounding."""
    euros, dot, cents = text.partition(".")
    if not euros.isascii() or not euros.isdigit() or (dot and not (cents.isascii() and cents.isdigit())):
        raise ValueError(f"the amount {text!r} is not a number of euros such as 12.50")
    if len(cents) > 2:
        raise ValueError(f"the amount {text!r} has more than two decimals")
    return int(euros) * 100 + int(cents.ljust(2, "0"))


def parse_expense(line: str) -> Expense:
    """Parse "DATE;CATEGORY;AMOUNT[;NOTE]"; amount in euros, at most two decimals."""
    fields = [field.strip() for field in line.split(";")]
    if len(fields) not in (3, 4):
        raise ValueError(f"expected DATE;CATEGORY;AMOUNT[;NOTE], got {line!r}")
    date, category, amount = fields[:3]
    note = fields[3] if len(fields) == 4 else ""
    return Expense(date, category, parse_cents(amount), note)


def total_by_category(expenses: list[Expense]) -> dict[str, int]:
    """The total in cents of each category."""
    totals: dict[str, int] = {}
    for expense in expenses:
        totals[expense.category] = totals.get(expense.category, 0) + expense.amount_cents
    return totals
