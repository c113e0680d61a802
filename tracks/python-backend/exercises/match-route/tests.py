import unittest

from solution import match_route


class StaticRoutes(unittest.TestCase):
    def test_same_path_matches_with_no_parameters(self):
        self.assertEqual(match_route("/about", "/about"), {})

    def test_root_matches_root(self):
        self.assertEqual(match_route("/", "/"), {})

    def test_different_path_does_not_match(self):
        self.assertIsNone(match_route("/about", "/contact"))

    def test_trailing_slash_is_ignored(self):
        self.assertEqual(match_route("/about", "/about/"), {})


class Parameters(unittest.TestCase):
    def test_captures_a_segment_as_a_string(self):
        self.assertEqual(match_route("/users/<name>", "/users/ada"), {"name": "ada"})

    def test_captures_several_parameters(self):
        self.assertEqual(
            match_route("/users/<int:user_id>/posts/<slug>", "/users/42/posts/hello-world"),
            {"user_id": 42, "slug": "hello-world"},
        )

    def test_int_converter_gives_an_int(self):
        self.assertEqual(match_route("/orders/<int:order_id>", "/orders/007"), {"order_id": 7})

    def test_int_converter_rejects_letters(self):
        self.assertIsNone(match_route("/orders/<int:order_id>", "/orders/abc"))

    def test_int_converter_rejects_negative_numbers(self):
        self.assertIsNone(match_route("/orders/<int:order_id>", "/orders/-1"))

    def test_empty_segment_does_not_match_a_parameter(self):
        self.assertIsNone(match_route("/users/<name>/posts", "/users//posts"))


class WholePath(unittest.TestCase):
    def test_longer_path_does_not_match(self):
        self.assertIsNone(match_route("/users/<name>", "/users/ada/posts"))

    def test_shorter_path_does_not_match(self):
        self.assertIsNone(match_route("/users/<name>/posts", "/users/ada"))
