import json
from collections import Counter, defaultdict


def sales_report(orders_json):
    """Read the orders (JSON text) and return the report (JSON text): see README.md."""
    orders = json.loads(orders_json)
    report = {"revenue_cents": 0, "top_products": [], "customers": {}}
    return report
