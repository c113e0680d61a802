from dataclasses import dataclass


class Expense:
    """Turn this into a frozen, ordered dataclass with fields date, category, amount_cents, note."""


def parse_expense(line: str) -> Expense:
    """Parse "DATE;CATEGORY;AMOUNT[;NOTE]"; amount in euros, at most two decimals."""
    raise NotImplementedError


def total_by_category(expenses: list[Expense]) -> dict[str, int]:
    """The total in cents of each category."""
    return {}
