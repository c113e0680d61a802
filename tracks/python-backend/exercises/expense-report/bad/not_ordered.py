# Mistake: forgets order=True, so expenses cannot be compared with < and sorted() fails.
from dataclasses import dataclass


@dataclass(frozen=True)
class Expense:
    date: str
    category: str
    amount_cents: int
    note: str = ""


def parse_expense(line: str) -> Expense:
    fields = [field.strip() for field in line.split(";")]
    if len(fields) not in (3, 4):
        raise ValueError(f"expected DATE;CATEGORY;AMOUNT[;NOTE], got {line!r}")
    amount = fields[2]
    euros, _, cents = amount.partition(".")
    if not euros.isdigit() or (cents and not cents.isdigit()) or len(cents) > 2:
        raise ValueError(f"bad amount {amount!r}")
    return Expense(fields[0], fields[1], int(euros) * 100 + int(cents.ljust(2, "0")), fields[3] if len(fields) == 4 else "")


def total_by_category(expenses: list[Expense]) -> dict[str, int]:
    totals: dict[str, int] = {}
    for expense in expenses:
        totals[expense.category] = totals.get(expense.category, 0) + expense.amount_cents
    return totals
