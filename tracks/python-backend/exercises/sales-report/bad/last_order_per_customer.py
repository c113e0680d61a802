# Mistake: sets a customer's total to the total of the current order instead of adding to
# it, so a customer with several orders shows only the last one.
import json
from collections import Counter


def sales_report(orders_json):
    try:
        orders = json.loads(orders_json)
    except json.JSONDecodeError as error:
        raise ValueError(f"not valid JSON: {error}") from error
    quantities = Counter()
    spent = {}
    revenue = 0
    for order in orders:
        order_total = 0
        for item in order["items"]:
            quantities[item["product"]] += item["quantity"]
            order_total += item["quantity"] * item["price_cents"]
        spent[order["customer"]] = order_total
        revenue += order_total
    top = sorted(quantities.items(), key=lambda pair: (-pair[1], pair[0]))[:3]
    report = {
        "revenue_cents": revenue,
        "top_products": [[product, quantity] for product, quantity in top],
        "customers": spent,
    }
    return json.dumps(report, ensure_ascii=False)
