import pytest

from solution import parse_commit


def test_type_and_description():
    assert parse_commit("fix: handle empty page numbers") == {
        "type": "fix",
        "scope": None,
        "breaking": False,
        "description": "handle empty page numbers",
        "body": "",
    }


def test_scope():
    result = parse_commit("feat(auth): send a reset link by email")
    assert (result["type"], result["scope"], result["description"]) == (
        "feat",
        "auth",
        "send a reset link by email",
    )


def test_bang_marks_a_breaking_change():
    assert parse_commit("feat(api)!: drop the v1 endpoints")["breaking"] == True
    assert parse_commit("refactor!: rename settings")["breaking"] == True


def test_body_without_surrounding_blank_lines():
    message = "docs: explain pagination\n\nPages start at 1.\n\nSee the README.\n\n"
    assert parse_commit(message)["body"] == "Pages start at 1.\n\nSee the README."


def test_breaking_change_footer():
    message = (
        "feat(auth): send a reset link by email\n"
        "\n"
        "Users get a link valid for 30 minutes.\n"
        "\n"
        "BREAKING CHANGE: /reset now needs an email instead of a username."
    )
    result = parse_commit(message)
    assert result["breaking"] == True
    assert result["body"].endswith("instead of a username.")


def test_breaking_change_only_counts_at_the_start_of_a_line():
    message = "fix: typo\n\nThis is not a BREAKING CHANGE: just a typo."
    assert parse_commit(message)["breaking"] == False


def test_description_may_contain_colons_and_parentheses():
    result = parse_commit("fix(db): retry when locked (SQLite): up to 3 times")
    assert result["scope"] == "db"
    assert result["description"] == "retry when locked (SQLite): up to 3 times"


@pytest.mark.parametrize(
    "message",
    [
        "Fixed stuff",
        "fix:no space after the colon",
        "fix: ",
        "fix:    ",
        "Feat: capital letters in the type",
        "feat(): empty scope",
        "feat(api: unclosed scope",
        "feat (api): space before the scope",
        ": no type",
        "",
    ],
)
def test_invalid_headers_raise_value_error(message):
    with pytest.raises(ValueError):
        parse_commit(message)
