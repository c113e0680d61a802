import pytest

import solution

NAMES = ["Ada", "Grace", "Linus", "Margaret", "Ken", "Barbara", "Zoë"]


def summary(order_id, customer, placed_at, items, total_cents):
    return {"order_id": order_id, "customer": customer, "placed_at": placed_at, "items": items, "total_cents": total_cents}


def big_shop(orders=300, customers=60):
    """Many orders, each of up to 4 lines; returns the session and the expected summaries."""
    names = [f"customer {n:02d}" for n in range(1, customers + 1)]
    rows, expected = [], []
    for n in range(1, orders + 1):
        customer_id = (n * 7) % customers + 1
        day = 1 + (n * 11) % 28
        placed_at = f"2024-{1 + n % 6:02d}-{day:02d} {n % 24:02d}:{(n * 13) % 60:02d}:00"
        lines = [(f"item {k}", 1 + (n + k) % 3, 100 * (1 + (n * k) % 9)) for k in range(n % 5)]
        rows.append((customer_id, placed_at, lines))
        expected.append(summary(n, names[customer_id - 1], placed_at, sum(q for _, q, _ in lines), sum(q * c for _, q, c in lines)))
    expected.sort(key=lambda s: (s["placed_at"], s["order_id"]), reverse=True)
    return solution.new_shop(names, rows), expected


def test_the_example_of_the_readme():
    session = solution.new_shop(["Ada", "Grace"], [
        (1, "2024-03-01 09:30:00", [("tea", 2, 350), ("scone", 1, 275)]),
        (2, "2024-02-28 17:00:00", [("coffee", 1, 300)]),
        (1, "2024-03-02 08:00:00", []),
    ])
    assert solution.order_summaries(session, "2024-03-01") == [
        summary(3, "Ada", "2024-03-02 08:00:00", 0, 0),
        summary(1, "Ada", "2024-03-01 09:30:00", 3, 975),
    ]


def test_an_empty_shop_gives_an_empty_list():
    assert solution.order_summaries(solution.new_shop([], []), "2024-01-01") == []


def test_items_add_up_the_quantities_and_the_total_multiplies_by_them():
    session = solution.new_shop(NAMES, [(3, "2024-05-05 10:00:00", [("pen", 10, 120), ("ink", 3, 900), ("pad", 1, 450)])])
    assert solution.order_summaries(session, "2024-05-01") == [summary(1, "Linus", "2024-05-05 10:00:00", 14, 10 * 120 + 3 * 900 + 450)]


def test_an_order_without_lines_is_listed_with_zeros():
    session = solution.new_shop(NAMES, [(2, "2024-06-01 12:00:00", []), (7, "2024-06-02 12:00:00", [("map", 1, 1500)])])
    assert solution.order_summaries(session, "2024-06-01") == [
        summary(2, "Zoë", "2024-06-02 12:00:00", 1, 1500),
        summary(1, "Grace", "2024-06-01 12:00:00", 0, 0),
    ]


def test_orders_of_the_day_since_are_included_from_midnight():
    session = solution.new_shop(NAMES, [
        (1, "2024-03-31 23:59:59", [("a", 1, 1)]),
        (1, "2024-04-01 00:00:00", [("b", 1, 2)]),
        (1, "2024-04-01 23:59:59", [("c", 1, 3)]),
    ])
    assert [s["order_id"] for s in solution.order_summaries(session, "2024-04-01")] == [3, 2]


def test_newest_first_and_orders_of_the_same_second_by_id_largest_first():
    session = solution.new_shop(NAMES, [
        (1, "2024-07-01 10:00:00", []),
        (2, "2024-07-03 10:00:00", []),
        (3, "2024-07-01 10:00:00", []),
        (4, "2024-07-02 10:00:00", []),
        (5, "2024-07-01 10:00:00", []),
    ])
    assert [s["order_id"] for s in solution.order_summaries(session, "2024-01-01")] == [2, 4, 5, 3, 1]


def test_customers_without_orders_do_not_appear_and_a_customer_may_have_many():
    session = solution.new_shop(NAMES, [(4, "2024-08-01 08:00:00", [("x", 1, 5)]), (4, "2024-08-02 08:00:00", [("y", 2, 5)])])
    assert solution.order_summaries(session, "2024-08-01") == [
        summary(2, "Margaret", "2024-08-02 08:00:00", 2, 10),
        summary(1, "Margaret", "2024-08-01 08:00:00", 1, 5),
    ]


def test_a_date_after_every_order_gives_an_empty_list():
    session, _ = big_shop(orders=20)
    assert solution.order_summaries(session, "2025-01-01") == []


def test_many_orders_give_the_right_summaries():
    session, expected = big_shop()
    got = solution.order_summaries(session, "2024-03-15")
    wanted = [s for s in expected if s["placed_at"] >= "2024-03-15"]
    assert len(got) == len(wanted)
    assert got == wanted


def test_at_most_3_statements_for_300_orders():
    session, expected = big_shop()
    result, statements = solution.count_statements(session, "order_summaries", "2024-01-01")
    assert result == expected
    assert statements <= 3, (
        f"order_summaries sent {statements} SQL statements for 300 orders; at most 3 are allowed. "
        "A statement for each order (or each customer) is the N+1 problem: load the related rows with the orders."
    )


def test_at_most_3_statements_for_a_few_orders():
    session = solution.new_shop(NAMES, [(1, "2024-03-01 09:30:00", [("tea", 2, 350)]), (2, "2024-03-02 09:30:00", [("tea", 1, 350)])])
    result, statements = solution.count_statements(session, "order_summaries", "2024-01-01")
    assert len(result) == 2
    assert statements <= 3, f"order_summaries sent {statements} SQL statements for 2 orders; at most 3 are allowed"


def test_the_dicts_hold_plain_values():
    session = solution.new_shop(NAMES, [(1, "2024-03-01 09:30:00", [("tea", 2, 350)])])
    (got,) = solution.order_summaries(session, "2024-01-01")
    assert sorted(got) == ["customer", "items", "order_id", "placed_at", "total_cents"]
    assert [type(got[key]).__name__ for key in ["order_id", "customer", "placed_at", "items", "total_cents"]] == ["int", "str", "str", "int", "int"]
