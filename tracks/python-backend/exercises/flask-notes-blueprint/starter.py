from flask import Blueprint, Flask, jsonify, request


def create_app():
    """Build a new Flask app with the notes blueprint mounted at /api/notes."""
    app = Flask(__name__)
    notes = Blueprint("notes", __name__, url_prefix="/api/notes")

    @notes.get("")
    def list_notes():
        return jsonify([])

    # TODO: POST, GET and DELETE one note, and JSON errors for the whole app.
    app.register_blueprint(notes)
    return app
