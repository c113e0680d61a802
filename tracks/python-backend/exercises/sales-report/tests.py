import json

import pytest

from solution import sales_report


def order(customer, *items):
    return {"customer": customer, "items": [{"product": p, "quantity": q, "price_cents": c} for p, q, c in items]}


def report_of(orders):
    """Calls sales_report with the orders as JSON text and reads its answer back."""
    result = sales_report(json.dumps(orders))
    assert type(result) == str, f"sales_report returned {result!r}, a {type(result).__name__}; expected a str of JSON"
    return json.loads(result)


def test_the_example_of_the_readme():
    orders = [order("ada", ("tea", 2, 350), ("scone", 1, 275)), order("linus", ("tea", 1, 350))]
    assert report_of(orders) == {
        "revenue_cents": 1325,
        "top_products": [["tea", 3], ["scone", 1]],
        "customers": {"ada": 975, "linus": 350},
    }


def test_no_orders():
    assert report_of([]) == {"revenue_cents": 0, "top_products": [], "customers": {}}


def test_only_the_top_three_products():
    orders = [order("ada", ("tea", 5, 100), ("jam", 2, 100), ("milk", 9, 100), ("eggs", 1, 100), ("oats", 3, 100))]
    assert report_of(orders)["top_products"] == [["milk", 9], ["tea", 5], ["oats", 3]]


def test_products_with_the_same_quantity_are_in_alphabetical_order():
    orders = [order("ada", ("scone", 2, 275), ("tea", 4, 350)), order("linus", ("bagel", 2, 190), ("apple", 2, 80))]
    assert report_of(orders)["top_products"] == [["tea", 4], ["apple", 2], ["bagel", 2]]


def test_a_product_is_added_up_across_orders():
    orders = [order("ada", ("tea", 1, 350)), order("grace", ("coffee", 2, 300)), order("linus", ("tea", 2, 350))]
    assert report_of(orders)["top_products"] == [["tea", 3], ["coffee", 2]]


def test_a_customer_with_several_orders_is_added_up():
    orders = [order("ada", ("tea", 1, 350)), order("grace", ("coffee", 1, 300)), order("ada", ("scone", 2, 275))]
    assert report_of(orders)["customers"] == {"ada": 900, "grace": 300}


def test_an_order_without_items_counts_zero():
    orders = [order("ken"), order("ada", ("tea", 1, 350))]
    assert report_of(orders) == {"revenue_cents": 350, "top_products": [["tea", 1]], "customers": {"ken": 0, "ada": 350}}


def test_names_with_accents_are_written_as_they_are():
    orders = [order("zoë", ("crème brûlée", 1, 450))]
    result = sales_report(json.dumps(orders))
    assert "crème brûlée" in result
    assert "zoë" in result
    assert json.loads(result)["customers"] == {"zoë": 450}


def test_a_busy_day():
    orders = [order(f"customer {n % 50}", ("tea", 1, 350), ("scone", n % 3, 275)) for n in range(3000)]
    report = report_of(orders)
    assert report["revenue_cents"] == 3000 * 350 + 3000 * 275
    assert report["top_products"] == [["scone", 3000], ["tea", 3000]]
    assert report["customers"]["customer 7"] == 60 * 350 + 60 * 275


@pytest.mark.parametrize("text", ["", "[{]", "orders: none", '[{"customer": "ada",}]'])
def test_text_that_is_not_json_is_a_value_error(text):
    with pytest.raises(ValueError, match="^not valid JSON"):
        sales_report(text)
