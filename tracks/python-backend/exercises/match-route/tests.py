import pytest

from solution import match_route


class TestStaticRoutes:
    def test_same_path_matches_with_no_parameters(self):
        assert match_route("/about", "/about") == {}

    def test_root_matches_root(self):
        assert match_route("/", "/") == {}

    def test_different_path_does_not_match(self):
        assert match_route("/about", "/contact") is None

    def test_case_matters(self):
        assert match_route("/about", "/About") is None

    def test_trailing_slash_on_the_path_is_ignored(self):
        assert match_route("/about", "/about/") == {}

    def test_trailing_slash_on_the_pattern_is_ignored(self):
        assert match_route("/docs/", "/docs") == {}
        assert match_route("/docs/<page>/", "/docs/intro/") == {"page": "intro"}

    def test_two_trailing_slashes_do_not_match(self):
        assert match_route("/about", "/about//") is None

    def test_root_does_not_match_a_longer_path(self):
        assert match_route("/", "/about") is None


class TestParameters:
    def test_captures_a_segment_as_a_string(self):
        assert match_route("/users/<name>", "/users/ada") == {"name": "ada"}

    def test_captures_unicode_text_as_it_is(self):
        assert match_route("/tags/<tag>", "/tags/café ☕") == {"tag": "café ☕"}

    def test_captures_several_parameters(self):
        assert match_route("/users/<int:user_id>/posts/<slug>", "/users/42/posts/hello-world") == {
            "user_id": 42,
            "slug": "hello-world",
        }

    def test_int_converter_gives_an_int(self):
        assert match_route("/orders/<int:order_id>", "/orders/007") == {"order_id": 7}

    def test_int_converter_takes_big_numbers(self):
        assert match_route("/orders/<int:order_id>", "/orders/123456789012345678901234567890") == {
            "order_id": 123456789012345678901234567890
        }

    def test_int_converter_rejects_letters(self):
        assert match_route("/orders/<int:order_id>", "/orders/abc") is None

    def test_int_converter_rejects_negative_numbers(self):
        assert match_route("/orders/<int:order_id>", "/orders/-1") is None

    def test_empty_segment_does_not_match_a_parameter(self):
        assert match_route("/users/<name>/posts", "/users//posts") is None

    def test_empty_segment_does_not_match_an_int_parameter(self):
        assert match_route("/orders/<int:order_id>/items", "/orders//items") is None

    def test_a_parameter_does_not_match_a_missing_last_segment(self):
        assert match_route("/users/<name>", "/users/") is None


@pytest.mark.parametrize(
    "segment",
    ["²", "12³", "٣", "５", "+5", " 5", "5 ", "1_000", "1.5", "0x1F"],
    ids=["superscript two", "superscript three", "arabic-indic three", "fullwidth five",
         "plus sign", "leading space", "trailing space", "underscore", "decimal point", "hex"],
)
def test_int_converter_accepts_only_ascii_digits(segment):
    # Each of these is not a number made of 0-9: the route does not match (and never crashes).
    assert match_route("/orders/<int:order_id>", "/orders/" + segment) is None


class TestWholePath:
    def test_longer_path_does_not_match(self):
        assert match_route("/users/<name>", "/users/ada/posts") is None

    def test_shorter_path_does_not_match(self):
        assert match_route("/users/<name>/posts", "/users/ada") is None
