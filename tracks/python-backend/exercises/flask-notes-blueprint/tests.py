import pytest

import solution

NOTE = {"text": "Buy milk", "tags": ["home"]}


# Every app the tests make stays alive until the end: the JSON of a response is read through
# its app's JSON provider, which holds the app only weakly, so `new_client().get(...).get_json()`
# would otherwise find the app gone (ReferenceError), under pytest as in compatible mode.
APPS = []


def new_client():
    app = solution.create_app()
    APPS.append(app)
    return app.test_client()


def post(client, body):
    response = client.post("/api/notes", json=body)
    return response.status_code, response.get_json()


def created(client, *bodies):
    for body in bodies:
        status, note = post(client, body)
        assert status == 201, f"could not create {body} to prepare the test: got {status}, {note!r}"


def assert_json_error(response, status):
    body = response.get_json(silent=True)
    assert response.status_code == status, f"expected status {status}, got {response.status_code} with {response.data[:200]!r}"
    assert isinstance(body, dict) and isinstance(body.get("error"), str) and body["error"], (
        f"expected a JSON body {{\"error\": \"...\"}}, got {response.content_type} {response.data[:200]!r}"
    )


def test_the_blueprint_is_named_notes():
    assert "notes" in solution.create_app().blueprints


def test_no_notes_at_first():
    response = new_client().get("/api/notes")
    assert (response.status_code, response.content_type, response.get_json()) == (200, "application/json", [])


def test_create_answers_201_with_the_note_and_its_location():
    response = new_client().post("/api/notes", json={"text": "Call Ada", "tags": ["work"]})
    assert (response.status_code, response.get_json()) == (201, {"id": 1, "text": "Call Ada", "tags": ["work"]})
    assert response.headers.get("Location") in ("/api/notes/1", "http://localhost/api/notes/1")


def test_text_and_tags_are_cleaned():
    assert post(new_client(), {"text": "  Plan trip  ", "tags": [" Home", "home", "Work ", "HOME", "café"]}) == (
        201, {"id": 1, "text": "Plan trip", "tags": ["home", "work", "café"]},
    )


def test_tags_are_optional():
    assert post(new_client(), {"text": "No tags"}) == (201, {"id": 1, "text": "No tags", "tags": []})


def test_the_list_is_sorted_by_id():
    client = new_client()
    created(client, {"text": "one"}, {"text": "two"}, {"text": "three"})
    assert [note["id"] for note in client.get("/api/notes").get_json()] == [1, 2, 3]


def test_filter_by_tag_in_any_case():
    client = new_client()
    created(client, {"text": "a", "tags": ["home"]}, {"text": "b", "tags": ["work"]}, {"text": "c", "tags": ["work", "home"]})
    assert [note["text"] for note in client.get("/api/notes?tag=HOME").get_json()] == ["a", "c"]
    assert client.get("/api/notes?tag=garden").get_json() == []


def test_show_one_note():
    client = new_client()
    created(client, NOTE, {"text": "second"})
    response = client.get("/api/notes/2")
    assert (response.status_code, response.get_json()) == (200, {"id": 2, "text": "second", "tags": []})


def test_a_note_that_does_not_exist_is_a_json_404():
    client = new_client()
    created(client, NOTE)
    assert_json_error(client.get("/api/notes/2"), 404)


def test_delete_answers_204_and_the_note_is_gone():
    client = new_client()
    created(client, NOTE)
    response = client.delete("/api/notes/1")
    assert (response.status_code, response.data) == (204, b"")
    assert_json_error(client.get("/api/notes/1"), 404)
    assert_json_error(client.delete("/api/notes/1"), 404)


def test_ids_are_never_reused():
    client = new_client()
    created(client, {"text": "one"}, {"text": "two"})
    client.delete("/api/notes/2")
    assert post(client, {"text": "three"})[1]["id"] == 3


def test_two_apps_do_not_share_notes():
    first, second = new_client(), new_client()
    created(first, NOTE)
    assert second.get("/api/notes").get_json() == []
    assert post(second, {"text": "mine"})[1]["id"] == 1


def test_text_of_exactly_280_characters_is_fine():
    assert post(new_client(), {"text": "é" * 280})[0] == 201


def test_spaces_around_the_text_do_not_count_towards_280():
    assert post(new_client(), {"text": "  " + "x" * 280 + " "}) == (201, {"id": 1, "text": "x" * 280, "tags": []})


@pytest.mark.parametrize("content_type, data", [
    ("application/x-www-form-urlencoded", "text=Buy+milk"), ("text/plain", "Buy milk"), (None, None),
], ids=["form", "text", "no body"])
def test_a_body_that_is_not_json_gets_415(content_type, data):
    assert_json_error(new_client().post("/api/notes", data=data, content_type=content_type), 415)


@pytest.mark.parametrize("data", ['{"text": "Buy milk"', "{'text': 'x'}", ""], ids=["unclosed", "single quotes", "empty"])
def test_json_that_does_not_parse_gets_400(data):
    assert_json_error(new_client().post("/api/notes", data=data, content_type="application/json"), 400)


@pytest.mark.parametrize("body", [
    ["Buy milk"], {}, {"text": "   "}, {"text": 42}, {"text": "x" * 281}, {"text": "  " + "x" * 281},
    {"text": "ok", "tags": "home"}, {"text": "ok", "tags": ["home", ""]}, {"text": "ok", "tags": [1]}, "Buy milk",
], ids=["a list", "no text", "blank text", "text not a string", "281 characters", "281 after stripping",
        "tags not a list", "an empty tag", "a tag that is not a string", "a string"])
def test_a_body_that_breaks_the_rules_gets_422(body):
    client = new_client()
    assert_json_error(client.post("/api/notes", json=body), 422)
    assert client.get("/api/notes").get_json() == []


@pytest.mark.parametrize("url", ["/nope", "/api/notes/abc", "/api/notes/1/extra", "/api"])
def test_unknown_urls_are_json_404s(url):
    assert_json_error(new_client().get(url), 404)


def test_a_method_that_is_not_allowed_is_a_json_405_with_allow():
    client = new_client()
    created(client, NOTE)
    response = client.put("/api/notes/1", json=NOTE)
    assert_json_error(response, 405)
    allowed = {method.strip() for method in response.headers.get("Allow", "").split(",")}
    assert {"GET", "DELETE"} <= allowed, f"expected an Allow header with GET and DELETE, got {response.headers.get('Allow')!r}"
