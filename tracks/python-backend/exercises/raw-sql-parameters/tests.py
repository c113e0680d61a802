import pytest

import solution

PEOPLE = [
    ("Ada", "London"),             # 1
    ("Seán O'Brien", "Dublin"),    # 2
    ("100% Fan", None),            # 3
    ("grace_h", "New York"),       # 4
    ("Gracie", "London"),          # 5
    ("1000 Fans", "Paris"),        # 6
    ("back\\slash", "Oslo"),       # 7
    ("ADA KING", "london"),        # 8
]


def people():
    return solution.new_connection(PEOPLE)


def everyone(connection):
    return solution.find_users(connection, "", limit=1000)


def test_a_search_returns_a_list_of_plain_tuples():
    result = solution.find_users(people(), "Gracie")
    assert type(result) is list, f"find_users returned {result!r}, a {type(result).__name__}; expected a list"
    assert all(type(row) is tuple for row in result), (
        f"find_users returned {result!r}, whose rows are not plain tuples: a SQLAlchemy Row prints like a "
        "tuple but is not one; return [tuple(row) for row in result]"
    )
    assert result == [(5, "Gracie", "London")]


def test_the_example_of_the_readme():
    connection = solution.new_connection([("Ada", "London"), ("Seán O'Brien", "Dublin"), ("100% Fan", None), ("grace_h", "New York")])
    assert solution.find_users(connection, "o'b") == [(2, "Seán O'Brien", "Dublin")]
    assert solution.find_users(connection, "' OR '1'='1") == []
    assert solution.find_users(connection, "%") == [(3, "100% Fan", None)]
    assert solution.rename_user(connection, 1, "Ada'); DROP TABLE users; --") == 1
    assert solution.find_users(connection, "", limit=2) == [(3, "100% Fan", None), (1, "Ada'); DROP TABLE users; --", "London")]


def test_letter_case_does_not_matter():
    assert solution.find_users(people(), "ada") == [(8, "ADA KING", "london"), (1, "Ada", "London")]
    assert solution.find_users(people(), "GRAC") == [(5, "Gracie", "London"), (4, "grace_h", "New York")]


def test_the_fragment_may_be_anywhere_in_the_name():
    assert solution.find_users(people(), "ie") == [(5, "Gracie", "London"), (2, "Seán O'Brien", "Dublin")]


def test_an_empty_fragment_finds_everyone_sorted_by_name_then_newest_first():
    connection = solution.new_connection([("Mei", None), ("Ken", "Oslo"), ("Mei", "Rome"), ("Alan", None), ("Mei", "Oslo")])
    assert solution.find_users(connection, "") == [(4, "Alan", None), (2, "Ken", "Oslo"), (5, "Mei", "Oslo"), (3, "Mei", "Rome"), (1, "Mei", None)]


def test_nothing_found_gives_an_empty_list():
    assert solution.find_users(people(), "Zebedee") == []
    assert solution.find_users(solution.new_connection([]), "") == []


@pytest.mark.parametrize("fragment, expected_ids", [
    ("O'Brien", [2]),
    ("'", [2]),
    ("' OR '1'='1", []),
    ("' OR 1=1 --", []),
    ("x'; DROP TABLE users; --", []),
    ('"', []),
])
def test_quotes_in_the_fragment_are_just_text(fragment, expected_ids):
    connection = people()
    assert [row[0] for row in solution.find_users(connection, fragment)] == expected_ids
    assert len(everyone(connection)) == 8, "the users table changed or disappeared during a search"


@pytest.mark.parametrize("fragment, expected_ids", [
    ("%", [3]),
    ("100%", [3]),
    ("_", [4]),
    ("e_h", [4]),
    ("0_", []),
    ("\\", [7]),
    ("k\\s", [7]),
    ("%%", []),
])
def test_like_wildcards_in_the_fragment_stand_for_themselves(fragment, expected_ids):
    assert [row[0] for row in solution.find_users(people(), fragment)] == expected_ids


def test_the_city_must_match_exactly_when_it_is_given():
    assert solution.find_users(people(), "a", city="London") == [(1, "Ada", "London"), (5, "Gracie", "London")]
    assert solution.find_users(people(), "", city="Dublin") == [(2, "Seán O'Brien", "Dublin")]


def test_users_without_a_city_match_only_when_no_city_is_given():
    assert [row[0] for row in solution.find_users(people(), "Fan")] == [3, 6]
    assert solution.find_users(people(), "Fan", city="Paris") == [(6, "1000 Fans", "Paris")]


def test_a_city_with_a_quote_is_a_value_too():
    connection = solution.new_connection([("Ada", "L'Aquila"), ("Ken", "Rome")])
    assert solution.find_users(connection, "", city="L'Aquila") == [(1, "Ada", "L'Aquila")]
    assert solution.find_users(connection, "", city="x' OR '1'='1") == []


@pytest.mark.parametrize("limit, expected_ids", [(0, []), (1, [3]), (3, [3, 6, 8]), (100, [3, 6, 8, 1, 5, 2, 7, 4])])
def test_at_most_limit_users(limit, expected_ids):
    assert [row[0] for row in solution.find_users(people(), "", limit=limit)] == expected_ids


def test_the_default_limit_is_10():
    connection = solution.new_connection([(f"user {n:02d}", None) for n in range(1, 16)])
    assert [row[0] for row in solution.find_users(connection, "user")] == list(range(1, 11))


def test_rename_changes_one_user():
    connection = people()
    assert solution.rename_user(connection, 5, "Grace Hopper") == 1
    assert solution.find_users(connection, "grac") == [(5, "Grace Hopper", "London"), (4, "grace_h", "New York")]


def test_rename_stores_quotes_and_sql_as_plain_text():
    connection = people()
    name = "Robert'); DROP TABLE users; --"
    assert solution.rename_user(connection, 1, name) == 1
    assert solution.find_users(connection, "Robert") == [(1, name, "London")]
    assert len(everyone(connection)) == 8


def test_rename_of_a_user_who_does_not_exist_changes_nothing():
    connection = people()
    assert solution.rename_user(connection, 99, "Nobody") == 0
    assert solution.rename_user(connection, "1 OR 1=1", "Everybody") == 0
    assert [row[1] for row in everyone(connection)].count("Everybody") == 0


def test_unicode_names():
    connection = solution.new_connection([("Zoë", None), ("Émile", "Lyon"), ("张伟", "Beijing")])
    assert solution.find_users(connection, "ë") == [(1, "Zoë", None)]
    assert solution.find_users(connection, "伟") == [(3, "张伟", "Beijing")]
