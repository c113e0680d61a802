# Mistake: ranks the products by the money they brought in instead of the quantity sold.
import json
from collections import Counter, defaultdict


def sales_report(orders_json):
    try:
        orders = json.loads(orders_json)
    except json.JSONDecodeError as error:
        raise ValueError(f"not valid JSON: {error}") from error
    quantities = Counter()
    money = Counter()
    spent = defaultdict(int)
    for order in orders:
        spent[order["customer"]] += 0
        for item in order["items"]:
            quantities[item["product"]] += item["quantity"]
            money[item["product"]] += item["quantity"] * item["price_cents"]
            spent[order["customer"]] += item["quantity"] * item["price_cents"]
    top = sorted(quantities, key=lambda product: (-money[product], product))[:3]
    report = {
        "revenue_cents": sum(spent.values()),
        "top_products": [[product, quantities[product]] for product in top],
        "customers": dict(spent),
    }
    return json.dumps(report, ensure_ascii=False)
