import pytest

import solution
from solution import validate_event

VALID = {"title": "Django sprint", "email": "grace@example.org", "starts_on": "2024-09-14", "seats": "25"}


def with_(**changes):
    data = dict(VALID)
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def event_of(data):
    result = validate_event(data)
    assert result.get("ok") is True, f"expected {{'ok': True, ...}} for {data}, got {result!r}"
    return result["event"]


def errors_of(data):
    result = validate_event(data)
    assert result.get("ok") is False, f"expected {{'ok': False, ...}} for {data}, got {result!r}"
    return result["errors"]


def test_a_valid_event():
    assert validate_event(with_(ends_on="2024-09-15", tags="django, Sprint")) == {
        "ok": True,
        "event": {"title": "Django sprint", "email": "grace@example.org", "starts_on": "2024-09-14",
                  "ends_on": "2024-09-15", "seats": 25, "tags": ["django", "sprint"]},
    }


def test_without_ends_on_the_event_ends_the_day_it_starts():
    assert event_of(VALID)["ends_on"] == "2024-09-14"


def test_a_one_day_event_may_end_the_day_it_starts():
    assert validate_event(with_(ends_on="2024-09-14"))["ok"] is True


def test_the_title_is_stripped_and_may_be_unicode():
    assert event_of(with_(title="  Café ☕ meetup  "))["title"] == "Café ☕ meetup"


def test_seats_may_come_as_an_int():
    assert event_of(with_(seats=500))["seats"] == 500


def test_without_tags_the_list_is_empty():
    assert event_of(VALID)["tags"] == []
    assert event_of(with_(tags=" , ,, "))["tags"] == []


def test_tags_are_cleaned_and_repeats_dropped_in_order():
    assert event_of(with_(tags="Web, python ,WEB,, data-2 , python"))["tags"] == ["web", "python", "data-2"]


def test_five_different_tags_after_dropping_repeats_are_fine():
    assert event_of(with_(tags="a, b, c, d, e, a, B"))["tags"] == ["a", "b", "c", "d", "e"]


def test_missing_required_fields():
    assert errors_of({}) == {"title": ["required"], "email": ["required"], "starts_on": ["required"], "seats": ["required"]}


def test_a_blank_title_is_missing():
    assert errors_of(with_(title="    ")) == {"title": ["required"]}


def test_title_length():
    assert validate_event(with_(title="x" * 100))["ok"] is True
    assert errors_of(with_(title="x" * 101)) == {"title": ["max_length"]}


@pytest.mark.parametrize("email", ["grace", "grace@", "@example.org", "grace@example", "grace example@x.org"])
def test_invalid_emails(email):
    assert errors_of(with_(email=email)) == {"email": ["invalid"]}


@pytest.mark.parametrize("field", ["starts_on", "ends_on"])
@pytest.mark.parametrize("value", ["2024-02-30", "tomorrow", "14/09/2024x"])
def test_invalid_dates(field, value):
    assert errors_of(with_(**{field: value})) == {field: ["invalid"]}


def test_ending_before_the_start_is_an_error_on_ends_on():
    assert errors_of(with_(ends_on="2024-09-13")) == {"ends_on": ["before_start"]}


def test_an_invalid_start_does_not_break_the_date_check():
    assert errors_of(with_(starts_on="not a date", ends_on="2024-09-13")) == {"starts_on": ["invalid"]}


def test_a_missing_start_does_not_break_the_date_check():
    assert errors_of(with_(starts_on=None, ends_on="2024-09-13")) == {"starts_on": ["required"]}


@pytest.mark.parametrize("seats, code", [("0", "min_value"), ("-3", "min_value"), ("501", "max_value"),
                                         ("many", "invalid"), ("2.5", "invalid"), ("²", "invalid")])
def test_invalid_seats(seats, code):
    assert errors_of(with_(seats=seats)) == {"seats": [code]}


def test_seats_limits_are_included():
    assert validate_event(with_(seats="1"))["ok"] is True
    assert validate_event(with_(seats="500"))["ok"] is True


@pytest.mark.parametrize("tags", ["c++", "café", "web dev", "١٢٣", "ｗｅｂ", "data_2", "python, web!"],
                         ids=["plus signs", "accent", "space inside", "arabic-indic digits", "fullwidth letters",
                              "underscore", "exclamation mark"])
def test_tags_with_other_characters_are_invalid(tags):
    assert errors_of(with_(tags=tags)) == {"tags": ["invalid_tag"]}


def test_six_different_tags_are_too_many():
    assert errors_of(with_(tags="a, b, c, d, e, f")) == {"tags": ["too_many_tags"]}


def test_every_problem_is_reported():
    data = {"title": "", "email": "grace@", "starts_on": "2024-09-14", "ends_on": "2024-09-01", "seats": "0", "tags": "x y"}
    assert errors_of(data) == {"title": ["required"], "email": ["invalid"], "ends_on": ["before_start"],
                               "seats": ["min_value"], "tags": ["invalid_tag"]}


class TestTheFormItself:
    def test_it_has_the_six_fields(self):
        assert sorted(solution.EventForm.base_fields) == ["email", "ends_on", "seats", "starts_on", "tags", "title"]

    def test_a_bound_form_is_valid_or_not(self):
        assert solution.EventForm(data=VALID).is_valid() is True
        assert solution.EventForm(data=with_(seats="0")).is_valid() is False

    def test_its_errors_carry_the_codes(self):
        form = solution.EventForm(data=with_(ends_on="2024-01-01"))
        assert form.is_valid() is False
        assert [error["code"] for error in form.errors.get_json_data()["ends_on"]] == ["before_start"]

    def test_its_cleaned_tags_are_a_list(self):
        form = solution.EventForm(data=with_(tags="B, a"))
        assert form.is_valid() is True
        assert form.cleaned_data["tags"] == ["b", "a"]
