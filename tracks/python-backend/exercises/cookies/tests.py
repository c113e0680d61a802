import pytest

from solution import build_set_cookie, parse_cookie_header


class TestParseCookieHeader:
    def test_several_cookies(self):
        assert parse_cookie_header("session=abc123; theme=dark; lang=fr") == {
            "session": "abc123",
            "theme": "dark",
            "lang": "fr",
        }

    def test_no_header_gives_no_cookies(self):
        assert parse_cookie_header("") == {}
        assert parse_cookie_header(None) == {}

    def test_semicolons_without_spaces_and_extra_spaces(self):
        assert parse_cookie_header("a=1;b=2 ;  c = 3 ;") == {"a": "1", "b": "2", "c": "3"}

    def test_a_value_may_contain_equals_signs(self):
        assert parse_cookie_header("token=YWJj==; x=a=b") == {"token": "YWJj==", "x": "a=b"}

    def test_quoted_values_lose_their_quotes(self):
        assert parse_cookie_header('theme="dark mode"; empty=""; q="') == {"theme": "dark mode", "empty": "", "q": '"'}

    def test_only_quotes_at_both_ends_are_removed(self):
        assert parse_cookie_header('a="open; b=close"; c=mi"d') == {"a": '"open', "b": 'close"', "c": 'mi"d'}

    def test_the_first_of_two_cookies_with_one_name_wins(self):
        assert parse_cookie_header("id=specific; other=1; id=general") == {"id": "specific", "other": "1"}

    def test_names_are_case_sensitive(self):
        assert parse_cookie_header("ID=1; id=2") == {"ID": "1", "id": "2"}

    def test_pieces_without_equals_or_name_are_skipped(self):
        assert parse_cookie_header("flag; =orphan; a=1;;") == {"a": "1"}

    def test_an_empty_value(self):
        assert parse_cookie_header("a=; b=2") == {"a": "", "b": "2"}

    def test_nothing_is_percent_decoded(self):
        assert parse_cookie_header("name=Ada%20Lovelace+x") == {"name": "Ada%20Lovelace+x"}


class TestBuildSetCookie:
    def test_defaults(self):
        assert build_set_cookie("session", "abc123") == "session=abc123; Path=/; HttpOnly; SameSite=Lax"

    def test_every_attribute_in_order(self):
        got = build_set_cookie("sid", "x9", max_age=3600, path="/app", domain="example.com",
                               secure=True, http_only=True, same_site="Strict")
        assert got == "sid=x9; Max-Age=3600; Path=/app; Domain=example.com; Secure; HttpOnly; SameSite=Strict"

    def test_max_age_zero_deletes_the_cookie_and_is_written(self):
        assert build_set_cookie("session", "", max_age=0) == "session=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax"

    def test_attributes_can_be_left_out(self):
        assert build_set_cookie("theme", "dark", path=None, http_only=False, same_site=None) == "theme=dark"

    def test_same_site_none_with_secure(self):
        assert build_set_cookie("embed", "1", secure=True, same_site="None") == (
            "embed=1; Path=/; Secure; HttpOnly; SameSite=None"
        )

    def test_every_allowed_character(self):
        value = "!#$%&'()*+-./0123456789:<=>?@AZ[]^_`az{|}~"
        assert build_set_cookie("a1!#$%&'*+-.^_`|~Z", value, path=None, http_only=False, same_site=None) == (
            "a1!#$%&'*+-.^_`|~Z=" + value
        )

    @pytest.mark.parametrize("name", ["", "my cookie", "a=b", "a;b", 'a"b', "café", "a,b", "tab\t", "a/b"])
    def test_invalid_names_are_refused(self, name):
        with pytest.raises(ValueError):
            build_set_cookie(name, "1")

    @pytest.mark.parametrize("value", ["a b", 'say "hi"', "a;b", "a,b", "back\\slash", "café", "line\nbreak", "tab\t", "\x7f"])
    def test_invalid_values_are_refused(self, value):
        with pytest.raises(ValueError):
            build_set_cookie("c", value)

    @pytest.mark.parametrize("max_age", [-1, 1.5, "60", True, False])
    def test_max_age_must_be_a_whole_number_zero_or_more(self, max_age):
        with pytest.raises(ValueError):
            build_set_cookie("c", "1", max_age=max_age)

    @pytest.mark.parametrize("same_site", ["lax", "STRICT", "none", "", "Relaxed"])
    def test_same_site_must_be_one_of_three_words(self, same_site):
        with pytest.raises(ValueError):
            build_set_cookie("c", "1", secure=True, same_site=same_site)

    def test_same_site_none_without_secure_is_refused(self):
        with pytest.raises(ValueError):
            build_set_cookie("embed", "1", same_site="None")
