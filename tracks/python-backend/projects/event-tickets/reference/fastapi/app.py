"""The box office's HTTP API in FastAPI: routes turn requests into calls of tickets.*."""
import json
import os

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

from tickets import db
from tickets.errors import Conflict, Invalid, NotFound
from tickets.events import create_event, get_event, list_events, page_params
from tickets.export import attendees_csv
from tickets.orders import cancel_order, get_order, orders_for_event, place_order

DATABASE = db.path_from_url(os.environ.get("DATABASE_URL", "sqlite:///tickets.db"))

app = FastAPI()


def conn():
    return db.connect(DATABASE)


@app.exception_handler(NotFound)
async def not_found(_request, error):
    return JSONResponse({"error": str(error)}, status_code=404)


@app.exception_handler(Invalid)
async def invalid(_request, error):
    return JSONResponse({"errors": error.errors}, status_code=400)


@app.exception_handler(Conflict)
async def conflict(_request, error):
    return JSONResponse({"error": error.message, **error.details}, status_code=409)


async def body(request):
    try:
        return json.loads(await request.body())
    except ValueError:
        return None


def call(fn, *args):
    connection = conn()
    try:
        return fn(connection, *args)
    finally:
        connection.close()


@app.get("/health")
def health():
    return {"status": "ok"}


@app.post("/events")
async def new_event(request: Request):
    event = call(create_event, await body(request))
    return JSONResponse(event, status_code=201, headers={"Location": f"/events/{event['id']}"})


@app.get("/events")
def events(request: Request):
    page, per_page = page_params(request.query_params.get("page"), request.query_params.get("per_page"))
    return call(list_events, page, per_page)


@app.get("/events/{event_id}")
def event(event_id: int):
    return call(get_event, event_id)


@app.post("/events/{event_id}/orders")
async def new_order(event_id: int, request: Request):
    order = call(place_order, event_id, await body(request))
    return JSONResponse(order, status_code=201, headers={"Location": f"/orders/{order['id']}"})


@app.get("/events/{event_id}/attendees.csv")
def attendees(event_id: int):
    text = call(lambda c: attendees_csv(orders_for_event(c, event_id)))
    return Response(text, media_type="text/csv; charset=utf-8", headers={"Content-Disposition": f'attachment; filename="event-{event_id}-attendees.csv"'})


@app.get("/orders/{order_id}")
def order(order_id: int):
    return call(get_order, order_id)


@app.post("/orders/{order_id}/cancel")
def cancel(order_id: int):
    return call(cancel_order, order_id)
