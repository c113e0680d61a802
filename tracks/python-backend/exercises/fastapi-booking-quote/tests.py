import json

import pytest

import solution

VALID = {"guest": "Ada Lovelace", "room": "double", "check_in": "2024-07-01", "check_out": "2024-07-04", "guests": 2}


def with_(**changes):
    data = dict(VALID)
    for name, value in changes.items():
        if value is None:
            data.pop(name)
        else:
            data[name] = value
    return data


def problems(error, data):
    """[(field, message)] from a pydantic ValidationError raised in the solution."""
    if type(error).__name__ != "ValidationError":
        pytest.fail(f"for {data} the model raised {type(error).__name__}: {error}; expected pydantic's ValidationError")
    return [(".".join(str(part) for part in wrapper.loc_tuple()), str(wrapper.exc)) for wrapper in error.args[0]]


def booking(data):
    """The model as plain JSON data (dates as strings)."""
    try:
        model = solution.BookingRequest.parse_obj(data)
    except Exception as error:
        pytest.fail(f"{data} should be a valid booking, but the model refused it: {problems(error, data)}")
    return json.loads(model.json())


def error_fields(data):
    """The fields pydantic reports a problem on, or [] when the data is valid."""
    try:
        solution.BookingRequest.parse_obj(data)
    except Exception as error:
        return sorted({field for field, _ in problems(error, data)})
    return []


class TestValidBookings:
    def test_a_valid_booking(self):
        assert booking(VALID) == VALID

    def test_the_guest_is_stripped_and_the_room_lowercased(self):
        assert booking(with_(guest="  Grace Hopper ", room=" SUITE ", guests=3)) == with_(guest="Grace Hopper", room="suite", guests=3)

    def test_unicode_names(self):
        assert booking(with_(guest="Zoë Ng 张伟"))["guest"] == "Zoë Ng 张伟"

    def test_limits_that_are_included(self):
        assert error_fields(with_(guest="x" * 80)) == []
        assert error_fields(with_(guest=" " + "x" * 80 + "  ")) == []
        assert error_fields(with_(check_out="2024-07-02")) == []
        assert error_fields(with_(check_out="2024-07-31")) == []
        assert error_fields(with_(room="single", guests=1)) == []
        assert error_fields(with_(room="suite", guests=4)) == []


class TestInvalidBookings:
    @pytest.mark.parametrize("field", ["guest", "room", "check_in", "check_out", "guests"])
    def test_every_field_is_required(self, field):
        assert error_fields(with_(**{field: None})) == [field]

    @pytest.mark.parametrize("guest", ["", "    ", "x" * 81, "  " + "x" * 81], ids=["empty", "blank", "81 characters", "81 after stripping"])
    def test_invalid_guest_names(self, guest):
        assert error_fields(with_(guest=guest)) == ["guest"]

    @pytest.mark.parametrize("room", ["penthouse", "doubles", "", 2, None], ids=["unknown", "plural", "empty", "a number", "null"])
    def test_invalid_rooms(self, room):
        data = with_(room=room) if room is not None else dict(VALID, room=None)
        assert error_fields(data) == ["room"]

    @pytest.mark.parametrize("check_in", ["2024-02-30", "01/07/2024", "tomorrow"])
    def test_invalid_dates(self, check_in):
        assert error_fields(with_(check_in=check_in)) == ["check_in"]

    @pytest.mark.parametrize("check_out", ["2024-07-01", "2024-06-30", "2024-08-01"], ids=["0 nights", "before check-in", "31 nights"])
    def test_the_stay_must_be_1_to_30_nights(self, check_out):
        assert error_fields(with_(check_out=check_out)) == ["check_out"]

    def test_a_broken_check_in_is_reported_once(self):
        assert error_fields(with_(check_in="soon")) == ["check_in"]

    @pytest.mark.parametrize("guests", ["2", 2.5, 2.0, True, 0, -1], ids=["a string", "a fraction", "a float", "true", "zero", "negative"])
    def test_guests_must_be_a_whole_json_number_of_1_or_more(self, guests):
        assert error_fields(with_(guests=guests)) == ["guests"]

    @pytest.mark.parametrize("room, guests", [("single", 2), ("double", 3), ("suite", 5)])
    def test_guests_must_fit_in_the_room(self, room, guests):
        assert error_fields(with_(room=room, guests=guests)) == ["guests"]

    def test_an_invalid_room_is_reported_alone(self):
        assert error_fields(with_(room="castle", guests=4)) == ["room"]

    def test_unknown_fields_are_refused(self):
        assert error_fields(with_(price=0, vip=True)) == ["price", "vip"]

    def test_every_problem_is_reported_at_once(self):
        data = {"guest": " ", "room": "single", "check_in": "2024-07-01", "check_out": "2024-07-01", "guests": 2}
        assert error_fields(data) == ["check_out", "guest", "guests"]


class TestTheEndpoint:
    @pytest.mark.parametrize("room, nights, total", [("single", 1, 80), ("double", 3, 360), ("suite", 30, 7500)])
    def test_the_quote(self, room, nights, total):
        check_out = f"2024-07-{1 + nights:02d}" if nights < 30 else "2024-07-31"
        data = with_(room=room, guests=1, check_out=check_out)
        booking(data)  # fails with the model's problems if it refuses the data
        assert solution.quote(solution.BookingRequest.parse_obj(data)) == {
            "guest": "Ada Lovelace", "room": room, "nights": nights, "total": total,
        }

    def test_the_price_is_per_room_not_per_guest(self):
        data = with_(room="suite", guests=3, check_out="2024-07-03")
        booking(data)
        assert solution.quote(solution.BookingRequest.parse_obj(data)) == {
            "guest": "Ada Lovelace", "room": "suite", "nights": 2, "total": 500,
        }

    def test_a_stay_across_a_month_and_a_leap_day(self):
        data = with_(check_in="2024-02-27", check_out="2024-03-02")
        assert solution.quote(solution.BookingRequest.parse_obj(data))["nights"] == 4

    def test_the_route_is_post_bookings_quote(self):
        paths = solution.app.openapi()["paths"]
        assert sorted(paths) == ["/bookings/quote"]
        assert sorted(paths["/bookings/quote"]) == ["post"]

    def test_the_route_reads_a_booking_request_and_may_answer_422(self):
        operation = solution.app.openapi()["paths"]["/bookings/quote"]["post"]
        schema = operation["requestBody"]["content"]["application/json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/BookingRequest"}
        assert {"200", "422"} <= set(operation["responses"])

    def test_the_published_model_requires_every_field(self):
        model = solution.app.openapi()["components"]["schemas"]["BookingRequest"]
        assert sorted(model["required"]) == ["check_in", "check_out", "guest", "guests", "room"]
