# Mistake: uses Counter.most_common(3), which keeps products with the same quantity in the
# order they were first seen, not in alphabetical order.
import json
from collections import Counter, defaultdict


def sales_report(orders_json):
    try:
        orders = json.loads(orders_json)
    except json.JSONDecodeError as error:
        raise ValueError(f"not valid JSON: {error}") from error
    quantities = Counter()
    spent = defaultdict(int)
    for order in orders:
        spent[order["customer"]] += 0
        for item in order["items"]:
            quantities[item["product"]] += item["quantity"]
            spent[order["customer"]] += item["quantity"] * item["price_cents"]
    report = {
        "revenue_cents": sum(spent.values()),
        "top_products": [[product, quantity] for product, quantity in quantities.most_common(3)],
        "customers": dict(spent),
    }
    return json.dumps(report, ensure_ascii=False)
