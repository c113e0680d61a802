"""A learner's app as it could stand after stage 4: right in every way so far, but the
tasks live in a dict, which a restart empties. (No users either: stage 7 is far away.)"""
import json
from itertools import count

from flask import Flask, Response, jsonify, request
from werkzeug.exceptions import HTTPException

app = Flask(__name__)

tasks = {}
next_id = count(1)


class ApiError(Exception):
    def __init__(self, status, code, message, fields=None):
        super().__init__(message)
        self.status, self.code, self.message, self.fields = status, code, message, fields


@app.errorhandler(ApiError)
def api_error(error):
    body = {"error": error.code, "message": error.message}
    if error.fields:
        body["fields"] = error.fields
    return jsonify(body), error.status


@app.errorhandler(HTTPException)
def http_error(error):
    return jsonify({"error": "not_found" if error.code == 404 else "http_error", "message": error.description}), error.code


def body_object():
    try:
        data = json.loads(request.get_data(as_text=True))
    except ValueError:
        raise ApiError(400, "invalid_json", "the body is not valid JSON")
    if not isinstance(data, dict):
        raise ApiError(400, "invalid_json", "the body must be a JSON object")
    return data


def check_task(data, creating):
    fields = {name: "unknown field" for name in data if name not in ("title", "description", "done")}
    if "title" in data:
        title = data["title"]
        if not isinstance(title, str) or not title.strip() or len(title) > 200:
            fields["title"] = "must be a non-empty string of at most 200 characters"
    elif creating:
        fields["title"] = "is required"
    if "description" in data and (not isinstance(data["description"], str) or len(data["description"]) > 2000):
        fields["description"] = "must be a string of at most 2000 characters"
    if "done" in data and not isinstance(data["done"], bool):
        fields["done"] = "must be true or false"
    if fields:
        raise ApiError(422, "validation_failed", "some fields are invalid", fields)
    return data


def find(task_id):
    if task_id not in tasks:
        raise ApiError(404, "not_found", f"task {task_id} does not exist")
    return tasks[task_id]


@app.get("/health")
def health():
    return jsonify({"status": "ok"})


@app.post("/tasks")
def create_task():
    data = check_task(body_object(), creating=True)
    task = {"id": next(next_id), "title": data["title"], "description": data.get("description", ""),
            "done": data.get("done", False)}
    tasks[task["id"]] = task
    return jsonify(task), 201, {"Location": f"/tasks/{task['id']}"}


@app.get("/tasks/<int:task_id>")
def get_task(task_id):
    return jsonify(find(task_id))


@app.patch("/tasks/<int:task_id>")
def update_task(task_id):
    task = find(task_id)
    task.update(check_task(body_object(), creating=False))
    return jsonify(task)


@app.delete("/tasks/<int:task_id>")
def delete_task(task_id):
    find(task_id)
    del tasks[task_id]
    return Response(status=204)
