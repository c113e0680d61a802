import sqlite3

import pytest

from solution import search_tasks

SCHEMA = """
CREATE TABLE tasks (
    id INTEGER PRIMARY KEY,
    owner_id INTEGER NOT NULL,
    title TEXT NOT NULL,
    status TEXT NOT NULL,
    due TEXT
);
CREATE INDEX tasks_by_owner_and_due ON tasks (owner_id, due);
CREATE INDEX tasks_by_owner_and_title ON tasks (owner_id, title);
"""
TASKS = [
    (1, 1, "Write report", "todo", "2024-06-10"),
    (2, 1, "Call O'Brien", "doing", "2024-06-05"),
    (3, 1, "Pay 100% of the invoice", "todo", None),
    (4, 1, "Review a_b test", "done", "2024-05-30"),
    (5, 1, "Fix bug #1000", "todo", "2024-06-10"),
    (6, 1, "Back up C:\\temp", "doing", "2024-07-01"),
    (7, 1, "write tests", "done", "2024-06-01"),
    (8, 1, "Résumé update", "todo", "2024-06-20"),
    (9, 1, "Buy a4b paper", "todo", "2024-06-15"),
    (10, 2, "Write report", "todo", "2024-06-01"),
    (11, 2, "Rotate the admin keys", "todo", "2024-05-01"),
]
ADA, GRACE = 1, 2
ALL_OF_ADA_BY_DUE = [3, 4, 7, 2, 1, 5, 9, 8, 6]


def only_reading(action, table, column, database, trigger):
    allowed = {sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_FUNCTION}
    return sqlite3.SQLITE_OK if action in allowed else sqlite3.SQLITE_DENY


def rows_of(query):
    """Runs the (sql, params) pair on a fresh database, reading only, as the app would."""
    assert type(query) in (tuple, list) and len(query) == 2, f"search_tasks returned {query!r}; expected a pair (sql, params)"
    sql, params = query
    assert type(sql) is str, f"the SQL is {sql!r}; expected a str"
    assert type(params) in (list, tuple), f"the params are {params!r}; expected a list"
    db = sqlite3.connect(":memory:")
    db.executescript(SCHEMA)
    db.executemany("INSERT INTO tasks VALUES (?, ?, ?, ?, ?)", TASKS)
    db.set_authorizer(only_reading)
    steps = [0]

    def too_long():
        steps[0] += 1
        return steps[0] > 50

    db.set_progress_handler(too_long, 100_000)
    try:
        return db.execute(sql, params).fetchall()
    except sqlite3.Error as error:
        pytest.fail(f"SQLite refused the query: {error}\n  sql: {sql!r}\n  params: {params!r}")
    finally:
        db.close()


def ids(*args, **kwargs):
    return [row[0] for row in rows_of(search_tasks(*args, **kwargs))]


def test_all_of_a_users_tasks_by_due_date():
    assert ids(ADA, {}) == ALL_OF_ADA_BY_DUE


def test_the_columns_selected():
    assert rows_of(search_tasks(GRACE, {})) == [
        (11, "Rotate the admin keys", "todo", "2024-05-01"),
        (10, "Write report", "todo", "2024-06-01"),
    ]


def test_by_status():
    assert ids(ADA, {"status": "todo"}) == [3, 1, 5, 9, 8]
    assert ids(ADA, {"status": "done"}) == [4, 7]
    assert ids(ADA, {"status": "cancelled"}) == []


def test_title_contains_ignoring_case():
    assert ids(ADA, {"title": "write"}) == [7, 1]
    assert ids(ADA, {"title": "REPORT"}) == [1]
    assert ids(ADA, {"title": "Résumé"}) == [8]


def test_due_before_a_date():
    assert ids(ADA, {"due_before": "2024-06-05"}) == [4, 7]
    assert ids(ADA, {"due_before": "2024-01-01"}) == []


def test_every_filter_must_hold():
    assert ids(ADA, {"status": "todo", "due_before": "2024-06-15"}) == [1, 5]
    assert ids(ADA, {"status": "todo", "title": "write", "due_before": "2024-12-31"}) == [1]


def test_a_percent_sign_in_the_search_is_just_a_percent_sign():
    assert ids(ADA, {"title": "100%"}) == [3]
    assert ids(ADA, {"title": "%"}) == [3]


def test_an_underscore_in_the_search_is_just_an_underscore():
    assert ids(ADA, {"title": "a_b"}) == [4]


def test_a_backslash_in_the_search_is_just_a_backslash():
    assert ids(ADA, {"title": "C:\\temp"}) == [6]
    assert ids(ADA, {"title": "\\"}) == [6]


def test_an_empty_search_matches_every_title():
    assert ids(ADA, {"title": ""}) == ALL_OF_ADA_BY_DUE


def test_a_quote_in_the_search_works():
    assert ids(ADA, {"title": "O'Brien"}) == [2]
    assert ids(ADA, {"title": "'"}) == [2]


@pytest.mark.parametrize(
    "filters",
    [
        {"title": "' OR 1=1 --"},
        {"title": "x%' OR owner_id = 2 OR title LIKE '%"},
        {"status": "todo' OR '1'='1"},
        {"status": "done' UNION SELECT id, title, status, due FROM tasks --"},
        {"due_before": "2000-01-01' OR owner_id <> 1 --"},
    ],
    ids=["or 1=1", "another owner", "always true", "union", "in the date"],
)
def test_injection_finds_nothing(filters):
    assert ids(ADA, filters) == []


def test_injection_never_reaches_another_users_tasks():
    for filters in ({"title": "report' OR owner_id = 2 --"}, {"status": "x' OR 1=1) --"}):
        found = ids(GRACE, filters) + ids(ADA, filters)
        assert found == [], f"the search {filters!r} found tasks {found}"


@pytest.mark.parametrize(
    "filters",
    [{"title": "zq'x9 OR 1=1"}, {"status": "zq'x9"}, {"due_before": "zq'x9"}, {"title": "zq%_x9"}],
)
def test_no_value_appears_in_the_sql(filters):
    sql, params = search_tasks(ADA, filters)
    assert "zq" not in sql, f"the SQL contains the value searched for: {sql!r}; put it in the params"


@pytest.mark.parametrize(
    "sort, expected",
    [
        ("due", [3, 4, 7, 2, 1, 5, 9, 8, 6]),
        ("-due", [6, 8, 9, 1, 5, 2, 7, 4, 3]),
        ("title", [6, 9, 2, 5, 3, 4, 8, 1, 7]),
        ("-title", [7, 1, 8, 4, 3, 5, 2, 9, 6]),
        ("id", [1, 2, 3, 4, 5, 6, 7, 8, 9]),
        ("-id", [9, 8, 7, 6, 5, 4, 3, 2, 1]),
    ],
)
def test_sorting(sort, expected):
    assert ids(ADA, {}, sort=sort) == expected


@pytest.mark.parametrize(
    "sort",
    ["title; DROP TABLE tasks", "due DESC", "owner_id", "(SELECT 1)", "--due", "-", "", "Title", None, 1],
)
def test_sorting_by_anything_else_is_refused(sort):
    with pytest.raises(ValueError):
        search_tasks(ADA, {}, sort=sort)


@pytest.mark.parametrize(
    "filters",
    [{"owner_id": 2}, {"1=1 OR title": "x"}, {"Title": "x"}, {"id": "3"}, {"status": 1}, {"title": None}, {"due_before": ["2024-01-01"]}],
    ids=["another owner", "sql as a key", "a key in capitals", "id", "a number", "None", "a list"],
)
def test_unknown_filters_and_values_that_are_not_text_are_refused(filters):
    with pytest.raises(ValueError):
        search_tasks(ADA, filters)


def test_the_limit():
    assert ids(ADA, {}, limit=2) == [3, 4]
    assert ids(ADA, {}, limit=1) == [3]
    assert ids(ADA, {}, limit=100) == ALL_OF_ADA_BY_DUE
    assert ids(ADA, {"status": "todo"}, sort="-id", limit=3) == [9, 8, 5]


@pytest.mark.parametrize("limit", [0, 101, -1, True, 2.5, "10", "5; DROP TABLE tasks", None])
def test_a_wrong_limit_is_refused(limit):
    with pytest.raises(ValueError):
        search_tasks(ADA, {}, limit=limit)


@pytest.mark.parametrize("owner_id", ["1", "1 OR 1=1", True, 1.0, None])
def test_an_owner_that_is_not_a_whole_number_is_refused(owner_id):
    with pytest.raises(ValueError):
        search_tasks(owner_id, {})
