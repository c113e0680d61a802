import pytest

from solution import Expense, parse_expense, total_by_category


def test_an_expense_is_a_dataclass_with_four_fields():
    expense = Expense("2024-03-01", "food", 1250, "lunch")
    assert (expense.date, expense.category, expense.amount_cents, expense.note) == ("2024-03-01", "food", 1250, "lunch")
    assert repr(expense) == "Expense(date='2024-03-01', category='food', amount_cents=1250, note='lunch')"


def test_the_note_is_empty_by_default():
    assert Expense("2024-03-01", "food", 1250).note == ""


def test_an_expense_cannot_be_changed():
    expense = Expense("2024-03-01", "food", 1250)
    # A frozen dataclass raises dataclasses.FrozenInstanceError (a kind of AttributeError).
    with pytest.raises(Exception):
        expense.amount_cents = 1
    assert expense.amount_cents == 1250


def test_expenses_sort_by_date_then_category_then_amount():
    taxi = Expense("2024-03-02", "travel", 2300)
    lunch = Expense("2024-03-01", "food", 1250)
    train = Expense("2024-03-01", "travel", 4800)
    snack = Expense("2024-03-01", "food", 300)
    ordered = sorted([taxi, lunch, train, snack])
    assert [(e.date, e.category, e.amount_cents) for e in ordered] == [
        ("2024-03-01", "food", 300),
        ("2024-03-01", "food", 1250),
        ("2024-03-01", "travel", 4800),
        ("2024-03-02", "travel", 2300),
    ]


def test_parse_a_line_with_a_note():
    expense = parse_expense("2024-03-01; food; 12.50; lunch with Ada")
    assert repr(expense) == "Expense(date='2024-03-01', category='food', amount_cents=1250, note='lunch with Ada')"


def test_parse_a_line_without_a_note():
    expense = parse_expense("2024-03-02;travel;48")
    assert repr(expense) == "Expense(date='2024-03-02', category='travel', amount_cents=4800, note='')"


@pytest.mark.parametrize(
    "amount, cents",
    [("12.50", 1250), ("12.5", 1250), ("12", 1200), ("0.29", 29), ("19.99", 1999), ("1.15", 115), ("0", 0), ("0.07", 7)],
)
def test_amounts_are_converted_to_exact_cents(amount, cents):
    assert parse_expense(f"2024-03-01;food;{amount}").amount_cents == cents


def test_a_note_keeps_its_accents():
    assert parse_expense("2024-03-05;food;3.20;café crème ☕").note == "café crème ☕"


@pytest.mark.parametrize(
    "line",
    [
        "2024-03-01;food;12,50",
        "2024-03-01;food;-3",
        "2024-03-01;food;1.999",
        "2024-03-01;food;",
        "2024-03-01;food;twelve",
        "2024-03-01;food",
        "2024-03-01;food;12;lunch;extra",
    ],
    ids=["decimal comma", "negative", "three decimals", "empty amount", "words", "two fields", "five fields"],
)
def test_a_wrong_line_is_a_value_error(line):
    with pytest.raises(ValueError):
        parse_expense(line)


def test_totals_by_category():
    expenses = [
        Expense("2024-03-01", "food", 1250),
        Expense("2024-03-01", "travel", 4800),
        Expense("2024-03-03", "food", 800),
        Expense("2024-03-04", "hôtel", 9900),
    ]
    assert total_by_category(expenses) == {"food": 2050, "travel": 4800, "hôtel": 9900}


def test_no_expenses_no_totals():
    assert total_by_category([]) == {}


def test_parsed_expenses_add_up_to_the_cent():
    lines = [f"2024-03-{day:02d};food;0.10" for day in range(1, 31)]
    assert total_by_category([parse_expense(line) for line in lines]) == {"food": 300}
