# Mistake: rounds the amount to cents without checking its decimals, so "1.999" becomes
# 200 cents instead of being refused.
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
    cents = round(float(fields[2]) * 100)
    if cents < 0:
        raise ValueError("negative amount")
    return Expense(fields[0], fields[1], cents, fields[3] if len(fields) == 4 else "")


def total_by_category(expenses: list[Expense]) -> dict[str, int]:
    totals: dict[str, int] = {}
    for expense in expenses:
        totals[expense.category] = totals.get(expense.category, 0) + expense.amount_cents
    return totals
