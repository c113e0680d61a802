"""The JSON plumbing shared by every view: errors, method dispatch, body parsing, validation."""
import json

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt


class ApiError(Exception):
    """An error the client caused; becomes {"error": code, "message": ..., "fields"?: ...}."""

    def __init__(self, status, code, message, fields=None):
        super().__init__(message)
        self.status, self.code, self.message, self.fields = status, code, message, fields

    def response(self):
        body = {"error": self.code, "message": self.message}
        if self.fields:
            body["fields"] = self.fields
        return JsonResponse(body, status=self.status)


def not_found(what):
    return ApiError(404, "not_found", f"{what} does not exist")


def methods(**handlers):
    """One view for a URL: picks the handler for the HTTP method and turns ApiError into JSON.

    csrf_exempt: clients authenticate with a bearer token, not a cookie, so there is no
    cross-site request to forge.
    """
    @csrf_exempt
    def view(request, **kwargs):
        handler = handlers.get(request.method.lower())
        try:
            if handler is None:
                raise ApiError(405, "method_not_allowed", f"{request.method} is not allowed here")
            return handler(request, **kwargs)
        except ApiError as error:
            return error.response()
    return view


def json_object(request):
    """The request body as a dict, or a 400 when it is not a JSON object."""
    try:
        data = json.loads(request.body)
    except ValueError:
        raise ApiError(400, "invalid_json", "the body is not valid JSON")
    if not isinstance(data, dict):
        raise ApiError(400, "invalid_json", "the body must be a JSON object")
    return data


def validate(data, rules, required):
    """Checks data against rules {field: check}; a check returns an error text or None."""
    fields = {name: "unknown field" for name in data if name not in rules}
    for name in required:
        if name not in data:
            fields[name] = "is required"
    for name, check in rules.items():
        if name in data and name not in fields:
            problem = check(data[name])
            if problem:
                fields[name] = problem
    if fields:
        raise ApiError(422, "validation_failed", "some fields are invalid", fields)
    return data


def not_found_view(request, exception=None):
    return JsonResponse({"error": "not_found", "message": f"{request.path} does not exist"}, status=404)


def server_error_view(request):
    return JsonResponse({"error": "server_error", "message": "something went wrong on our side"}, status=500)
