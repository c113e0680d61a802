"""What running in production needs: liveness, readiness, metrics, and one JSON log line per request."""
import json
import sys
import time

from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse

from .models import RequestCount


def healthz(request):
    # Liveness: the process answers. It never looks at the database, or a database outage
    # would get every worker restarted for nothing.
    return JsonResponse({"status": "ok"})


def readyz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT 1 FROM {RequestCount._meta.db_table} LIMIT 1")
    except DatabaseError as error:
        return JsonResponse({"status": "unavailable", "message": f"the database cannot be reached: {error}"}, status=503)
    return JsonResponse({"status": "ready"})


def metrics(request):
    lines = ["# HELP http_requests_total Requests answered, by method, route and status.",
             "# TYPE http_requests_total counter"]
    for row in RequestCount.objects.order_by("method", "path", "status"):
        labels = f'method="{label(row.method)}",path="{label(row.path)}",status="{row.status}"'
        lines.append(f"http_requests_total{{{labels}}} {row.count}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; version=0.0.4; charset=utf-8")


def label(value):
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def log_and_count(get_response):
    def middleware(request):
        started = time.perf_counter()
        response = get_response(request)
        duration_ms = (time.perf_counter() - started) * 1000
        # One write per line: lines of several workers sharing stdout never mix.
        sys.stdout.write(json.dumps({"method": request.method, "path": request.path, "status": response.status_code,
                                     "duration_ms": round(duration_ms, 3)}) + "\n")
        sys.stdout.flush()
        # The route's pattern, not the path: one series per route, whatever ids are asked for.
        match = request.resolver_match
        route = "/" + match.route if match is not None else "unmatched"
        count_request(request.method, route, response.status_code)
        return response
    return middleware


def count_request(method, route, status):
    try:
        with connection.cursor() as cursor:
            # One statement: two workers counting the same series at once must both count.
            cursor.execute(
                f"INSERT INTO {RequestCount._meta.db_table} (method, path, status, count) VALUES (%s, %s, %s, 1) "
                "ON CONFLICT (method, path, status) DO UPDATE SET count = "
                f"{RequestCount._meta.db_table}.count + 1",
                [method, route, status],
            )
    except DatabaseError:
        # Counting must never cost a request its answer (the database may be down: see /readyz).
        pass
