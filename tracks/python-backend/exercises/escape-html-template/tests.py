import pytest

from solution import render


def test_a_template_without_placeholders_is_copied_as_it_is():
    assert render("<h1>Tom & Jerry</h1>", {}) == "<h1>Tom & Jerry</h1>"


def test_a_value_between_tags_is_escaped():
    assert render("<p>{{ comment }}</p>", {"comment": "<script>steal()</script>"}) == (
        "<p>&lt;script&gt;steal()&lt;/script&gt;</p>"
    )


def test_ampersands_are_escaped_first():
    assert render("{{ a }}", {"a": "&lt; is how you write <"}) == "&amp;lt; is how you write &lt;"


def test_double_quotes_cannot_break_out_of_an_attribute():
    got = render('<input value="{{ name }}">', {"name": '" onfocus="steal()'})
    assert got == '<input value="&quot; onfocus=&quot;steal()">'


def test_single_quotes_cannot_break_out_of_an_attribute():
    got = render("<img alt='{{ alt }}'>", {"alt": "it's ' onerror='steal()"})
    assert got == "<img alt='it&#x27;s &#x27; onerror=&#x27;steal()'>"


def test_spaces_inside_the_braces_are_optional():
    assert render("{{a}}-{{  b }}-{{ c  }}", {"a": 1, "b": 2, "c": 3}) == "1-2-3"


def test_the_same_placeholder_twice():
    assert render("{{ x }} and {{x}}", {"x": "<>"}) == "&lt;&gt; and &lt;&gt;"


def test_none_is_empty_but_zero_and_false_are_written():
    assert render("[{{ a }}|{{ b }}|{{ c }}|{{ d }}]", {"a": None, "b": 0, "c": False, "d": ""}) == "[|0|False|]"


def test_numbers_and_unicode():
    assert render("{{ n }} × {{ price }} = {{ who }}", {"n": 3, "price": 1.5, "who": "café ☕"}) == "3 × 1.5 = café ☕"


def test_a_missing_name_is_an_error():
    with pytest.raises(KeyError):
        render("Hello {{ name }}", {"nmae": "typo"})


def test_a_value_is_never_read_as_a_placeholder():
    got = render("{{ bio }} / {{ secret }}", {"bio": "I like {{ secret }}", "secret": "hunter2"})
    assert got == "I like {{ secret }} / hunter2"


def test_text_that_is_not_a_placeholder_is_copied():
    assert render("{ a } {{ }} {{ 1st }} {{a b}}", {"a": "X"}) == "{ a } {{ }} {{ 1st }} {{a b}}"


def test_the_template_is_never_escaped():
    assert render('<a href="/x?a=1&b=2">{{ t }}</a>', {"t": "ok"}) == '<a href="/x?a=1&b=2">ok</a>'


class TestUrlFilter:
    @pytest.mark.parametrize(
        "link",
        ["https://example.com/a", "HTTP://EXAMPLE.COM", "mailto:ada@example.com", "/about",
         "page.html#top", "?q=1", "#section", "/path/with:colon", "docs/v1:2"],
    )
    def test_safe_links_are_kept(self, link):
        assert render('<a href="{{ u|url }}">', {"u": link}) == '<a href="' + link + '">'

    def test_a_kept_link_is_still_escaped(self):
        got = render('<a href="{{ u | url }}">', {"u": '/search?q=a&b="c"'})
        assert got == '<a href="/search?q=a&amp;b=&quot;c&quot;">'

    @pytest.mark.parametrize(
        "link",
        ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "  javascript:alert(1)", "java\tscript:alert(1)",
         "java\nscript:alert(1)", "data:text/html,<script>x</script>", "vbscript:msgbox", "ftp://files.example.com"],
        ids=["javascript", "mixed case", "leading spaces", "tab inside", "line break inside",
             "data", "vbscript", "ftp"],
    )
    def test_other_schemes_become_a_hash(self, link):
        assert render('<a href="{{ u|url }}">', {"u": link}) == '<a href="#">'

    def test_an_unknown_filter_is_an_error(self):
        with pytest.raises(ValueError):
            render("{{ name|upper }}", {"name": "ada"})
