from solution import slugify


def test_simple_title():
    assert slugify("Hello World") == "hello-world"


def test_punctuation_and_spaces_become_one_dash():
    assert slugify("  Hello,   World  ") == "hello-world"


def test_tabs_and_newlines_are_separators_too():
    assert slugify("Tabs\tand\nnewlines") == "tabs-and-newlines"


def test_underscores_become_dashes():
    assert slugify("snake_case_title") == "snake-case-title"


def test_no_dashes_at_the_ends():
    assert slugify("--- Breaking: news! ---") == "breaking-news"


def test_accents_are_removed():
    assert slugify("Café & Croissants: a Guide!") == "cafe-croissants-a-guide"


def test_german_and_spanish_letters():
    assert slugify("Über Jalapeño Piñata") == "uber-jalapeno-pinata"


def test_the_sharp_s_has_no_plain_form_and_is_dropped():
    # str.casefold() would turn it into "ss"; the README drops it like any letter
    # without a plain ASCII form.
    assert slugify("Große Straße") == "groe-strae"


def test_capital_accented_letters():
    assert slugify("ÉCOLE Supérieure") == "ecole-superieure"


def test_superscripts_ligatures_and_wide_letters_get_their_plain_form():
    assert slugify("E = mc²") == "e-mc2"
    assert slugify("ﬁnal ｄｒａｆｔ") == "final-draft"


def test_letters_of_other_scripts_and_emoji_are_dropped():
    assert slugify("Привет, world") == "world"
    assert slugify("I ❤ Python 🐍") == "i-python"


def test_digits_are_kept():
    assert slugify("Top 10 APIs of 2024") == "top-10-apis-of-2024"


def test_cut_to_max_length():
    assert slugify("Python 3.12 is out", max_length=10) == "python-3-1"


def test_no_dash_left_at_the_end_after_cutting():
    assert slugify("Ten tips for tests", max_length=9) == "ten-tips"


def test_a_short_title_is_not_cut():
    assert slugify("Short", max_length=50) == "short"


def test_default_max_length_is_50():
    slug = slugify("word " * 30)
    assert len(slug) <= 50
    assert slug == ("word-" * 10).rstrip("-")


def test_nothing_left_gives_untitled():
    assert slugify("???") == "untitled"
    assert slugify("") == "untitled"


def test_a_title_only_in_another_script_gives_untitled():
    assert slugify("日本語") == "untitled"


def test_leading_spaces_do_not_count_towards_the_length():
    assert slugify("   Hello World", max_length=5) == "hello"
