# Mistake: registers the JSON error handler on the blueprint, which never sees a URL that
# matches no route, so /nope still gets Flask's HTML 404 page.
import json

from flask import Blueprint, Flask, jsonify, request
from werkzeug.exceptions import HTTPException

MAX_TEXT = 280


def error(status, message):
    return jsonify({"error": message}), status


def clean_note(data):
    """Return (text, tags) from a request body, or raise ValueError with the problem."""
    if not isinstance(data, dict):
        raise ValueError("the body must be a JSON object")
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("text is required")
    if len(text.strip()) > MAX_TEXT:
        raise ValueError(f"text is at most {MAX_TEXT} characters")
    tags = data.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(tag, str) and tag.strip() for tag in tags):
        raise ValueError("tags must be a list of non-empty strings")
    # dict.fromkeys drops repeats and keeps the first order.
    return text.strip(), list(dict.fromkeys(tag.strip().lower() for tag in tags))


def notes_blueprint():
    """A new blueprint with its own notes: one per app."""
    notes = {}
    next_id = [1]
    blueprint = Blueprint("notes", __name__, url_prefix="/api/notes")

    @blueprint.get("")
    def list_notes():
        tag = request.args.get("tag")
        found = [notes[key] for key in sorted(notes)]
        if tag is not None:
            found = [note for note in found if tag.lower() in note["tags"]]
        return jsonify(found)

    @blueprint.post("")
    def create_note():
        if not request.is_json:
            return error(415, "send JSON with Content-Type: application/json")
        data = request.get_json(silent=True)
        if data is None:
            return error(400, "the body is not valid JSON")
        try:
            text, tags = clean_note(data)
        except ValueError as problem:
            return error(422, str(problem))
        note = {"id": next_id[0], "text": text, "tags": tags}
        notes[note["id"]] = note
        next_id[0] += 1
        return jsonify(note), 201, {"Location": f"/api/notes/{note['id']}"}

    @blueprint.get("/<int:note_id>")
    def show_note(note_id):
        if note_id not in notes:
            return error(404, "not found")
        return jsonify(notes[note_id])

    @blueprint.delete("/<int:note_id>")
    def delete_note(note_id):
        if notes.pop(note_id, None) is None:
            return error(404, "not found")
        return "", 204

    @blueprint.errorhandler(HTTPException)
    def json_error(exception):
        response = exception.get_response()  # keeps headers such as Allow on a 405
        message = "not found" if exception.code == 404 else exception.description
        response.data = json.dumps({"error": message})
        response.content_type = "application/json"
        return response

    return blueprint


def create_app():
    """Build a new Flask app with the notes blueprint mounted at /api/notes."""
    app = Flask(__name__)
    app.register_blueprint(notes_blueprint())
    return app
