# Mistake: returns the report as a Python dict instead of a string of JSON.
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
    top = sorted(quantities.items(), key=lambda pair: (-pair[1], pair[0]))[:3]
    return {
        "revenue_cents": sum(spent.values()),
        "top_products": [[product, quantity] for product, quantity in top],
        "customers": dict(spent),
    }
