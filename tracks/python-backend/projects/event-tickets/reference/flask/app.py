"""The box office's HTTP API in Flask: routes turn requests into calls of tickets.*."""
import os

from flask import Flask, Response, g, jsonify, request

from tickets import db
from tickets.errors import Conflict, Invalid, NotFound
from tickets.events import create_event, get_event, list_events, page_params
from tickets.export import attendees_csv
from tickets.orders import cancel_order, get_order, orders_for_event, place_order


def create_app(config=None):
    app = Flask(__name__)
    app.config["DATABASE"] = db.path_from_url(os.environ.get("DATABASE_URL", "sqlite:///tickets.db"))
    app.config.update(config or {})

    def conn():
        if "conn" not in g:
            g.conn = db.connect(app.config["DATABASE"])
        return g.conn

    @app.teardown_appcontext
    def close(_error):
        connection = g.pop("conn", None)
        if connection is not None:
            connection.close()

    @app.errorhandler(NotFound)
    def not_found(error):
        return jsonify(error=str(error)), 404

    @app.errorhandler(Invalid)
    def invalid(error):
        return jsonify(errors=error.errors), 400

    @app.errorhandler(Conflict)
    def conflict(error):
        return jsonify(error=error.message, **error.details), 409

    def body():
        return request.get_json(silent=True)

    @app.get("/health")
    def health():
        return jsonify(status="ok")

    @app.post("/events")
    def new_event():
        event = create_event(conn(), body())
        return jsonify(event), 201, {"Location": f"/events/{event['id']}"}

    @app.get("/events")
    def events():
        page, per_page = page_params(request.args.get("page"), request.args.get("per_page"))
        return jsonify(list_events(conn(), page, per_page))

    @app.get("/events/<int:event_id>")
    def event(event_id):
        return jsonify(get_event(conn(), event_id))

    @app.post("/events/<int:event_id>/orders")
    def new_order(event_id):
        order = place_order(conn(), event_id, body())
        return jsonify(order), 201, {"Location": f"/orders/{order['id']}"}

    @app.get("/events/<int:event_id>/attendees.csv")
    def attendees(event_id):
        text = attendees_csv(orders_for_event(conn(), event_id))
        return Response(
            text,
            content_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="event-{event_id}-attendees.csv"'},
        )

    @app.get("/orders/<int:order_id>")
    def order(order_id):
        return jsonify(get_order(conn(), order_id))

    @app.post("/orders/<int:order_id>/cancel")
    def cancel(order_id):
        return jsonify(cancel_order(conn(), order_id))

    return app


app = create_app()
