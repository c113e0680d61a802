from solution import parse_query_string


def test_empty_string_gives_empty_dict():
    assert parse_query_string("") == {}


def test_one_pair():
    assert parse_query_string("page=2") == {"page": ["2"]}


def test_leading_question_mark_is_ignored():
    assert parse_query_string("?page=2&sort=name") == {"page": ["2"], "sort": ["name"]}


def test_only_one_leading_question_mark_is_ignored():
    # A second "?" is part of the first name: lstrip("?") would drop it too.
    assert parse_query_string("??id=7&x=1") == {"?id": ["7"], "x": ["1"]}


def test_a_question_mark_inside_a_value_is_kept():
    assert parse_query_string("?next=/a?b&q=why?") == {"next": ["/a?b"], "q": ["why?"]}


def test_repeated_names_keep_every_value_in_order():
    assert parse_query_string("tag=b&tag=a&tag=c") == {"tag": ["b", "a", "c"]}


def test_names_are_case_sensitive():
    assert parse_query_string("Tag=x&tag=y&TAG=z") == {"Tag": ["x"], "tag": ["y"], "TAG": ["z"]}


def test_name_without_value():
    assert parse_query_string("debug&page=1") == {"debug": [""], "page": ["1"]}


def test_name_with_empty_value():
    assert parse_query_string("q=") == {"q": [""]}


def test_empty_name():
    assert parse_query_string("=x&a=1") == {"": ["x"], "a": ["1"]}


def test_plus_is_a_space_and_percent_escapes_are_decoded():
    assert parse_query_string("q=caf%C3%A9+au+lait&sym=%26%3D%2B") == {
        "q": ["café au lait"],
        "sym": ["&=+"],
    }


def test_names_are_decoded_too():
    assert parse_query_string("first+name=Ada&na%C3%AFve=1") == {"first name": ["Ada"], "naïve": ["1"]}


def test_emoji_in_four_encoded_bytes():
    assert parse_query_string("pet=%F0%9F%90%8D+snake") == {"pet": ["🐍 snake"]}


def test_characters_that_were_not_encoded_stay_as_they_are():
    assert parse_query_string("city=Zürich&q=a/b:c") == {"city": ["Zürich"], "q": ["a/b:c"]}


def test_only_the_first_equals_sign_splits():
    assert parse_query_string("next=/login?a=b") == {"next": ["/login?a=b"]}
    assert parse_query_string("token=abc==") == {"token": ["abc=="]}


def test_empty_pairs_are_skipped():
    assert parse_query_string("a=1&&b=2&") == {"a": ["1"], "b": ["2"]}


def test_semicolon_is_not_a_separator():
    assert parse_query_string("a=1;b=2&c=3") == {"a": ["1;b=2"], "c": ["3"]}


def test_a_broken_percent_escape_stays_as_it_is():
    assert parse_query_string("discount=100%&code=%zz%4") == {"discount": ["100%"], "code": ["%zz%4"]}


def test_bytes_that_are_not_utf8_become_the_replacement_character():
    assert parse_query_string("name=caf%E9&ok=%C3%A9") == {"name": ["caf\ufffd"], "ok": ["é"]}
