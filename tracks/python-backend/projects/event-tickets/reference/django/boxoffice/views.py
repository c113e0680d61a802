"""The box office's HTTP API in Django: views turn requests into calls of tickets.*."""
import json
from functools import wraps

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from tickets import db
from tickets.errors import Conflict, Invalid, NotFound
from tickets.events import create_event, get_event, list_events, page_params
from tickets.export import attendees_csv
from tickets.orders import cancel_order, get_order, orders_for_event, place_order


def api(view):
    """Gives the view a connection, closes it, and maps the box office's errors to HTTP."""

    @csrf_exempt
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        conn = db.connect(db.path_from_url(settings.TICKETS_DATABASE))
        try:
            return view(request, conn, *args, **kwargs)
        except NotFound as error:
            return JsonResponse({"error": str(error)}, status=404)
        except Invalid as error:
            return JsonResponse({"errors": error.errors}, status=400)
        except Conflict as error:
            return JsonResponse({"error": error.message, **error.details}, status=409)
        finally:
            conn.close()

    return wrapper


def body(request):
    try:
        return json.loads(request.body)
    except ValueError:
        return None


@require_GET
def health(request):
    return JsonResponse({"status": "ok"})


@api
def events(request, conn):
    if request.method == "POST":
        event = create_event(conn, body(request))
        response = JsonResponse(event, status=201)
        response["Location"] = f"/events/{event['id']}"
        return response
    if request.method != "GET":
        return JsonResponse({"error": "method not allowed"}, status=405)
    page, per_page = page_params(request.GET.get("page"), request.GET.get("per_page"))
    return JsonResponse(list_events(conn, page, per_page))


@require_GET
@api
def event(request, conn, event_id):
    return JsonResponse(get_event(conn, event_id))


@require_POST
@api
def new_order(request, conn, event_id):
    order = place_order(conn, event_id, body(request))
    response = JsonResponse(order, status=201)
    response["Location"] = f"/orders/{order['id']}"
    return response


@require_GET
@api
def attendees(request, conn, event_id):
    response = HttpResponse(attendees_csv(orders_for_event(conn, event_id)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{event_id}-attendees.csv"'
    return response


@require_GET
@api
def order(request, conn, order_id):
    return JsonResponse(get_order(conn, order_id))


@require_POST
@csrf_exempt
@api
def cancel(request, conn, order_id):
    return JsonResponse(cancel_order(conn, order_id))
