from solution import parse_query_string


def test_empty_string_gives_empty_dict():
    assert parse_query_string("") == {}


def test_one_pair():
    assert parse_query_string("page=2") == {"page": ["2"]}


def test_leading_question_mark_is_ignored():
    assert parse_query_string("?page=2&sort=name") == {"page": ["2"], "sort": ["name"]}


def test_repeated_names_keep_every_value_in_order():
    assert parse_query_string("tag=b&tag=a&tag=c") == {"tag": ["b", "a", "c"]}


def test_name_without_value():
    assert parse_query_string("debug&page=1") == {"debug": [""], "page": ["1"]}


def test_name_with_empty_value():
    assert parse_query_string("q=") == {"q": [""]}


def test_plus_is_a_space_and_percent_escapes_are_decoded():
    assert parse_query_string("q=caf%C3%A9+au+lait&sym=%26%3D%2B") == {
        "q": ["café au lait"],
        "sym": ["&=+"],
    }


def test_names_are_decoded_too():
    assert parse_query_string("first+name=Ada") == {"first name": ["Ada"]}


def test_only_the_first_equals_sign_splits():
    assert parse_query_string("next=/login?a=b") == {"next": ["/login?a=b"]}


def test_empty_pairs_are_skipped():
    assert parse_query_string("a=1&&b=2&") == {"a": ["1"], "b": ["2"]}
