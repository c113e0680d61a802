# Mistake: converts with int(float(amount) * 100); float("19.99") * 100 is
# 1998.9999999999998, which int() cuts to 1998.
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
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
    if "." in amount and len(amount.split(".")[1]) > 2:
        raise ValueError("more than two decimals")
    cents = int(float(amount) * 100)
    if cents < 0:
        raise ValueError("negative amount")
    return Expense(fields[0], fields[1], cents, fields[3] if len(fields) == 4 else "")


def total_by_category(expenses: list[Expense]) -> dict[str, int]:
    totals: dict[str, int] = {}
    for expense in expenses:
        totals[expense.category] = totals.get(expense.category, 0) + expense.amount_cents
    return totals
