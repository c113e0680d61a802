from solution import is_ignored


def check(path, patterns, expected):
    got = is_ignored(path, patterns)
    assert got == expected, f"is_ignored({path!r}, {patterns!r}) should be {expected}, got {got!r}"


def test_name_pattern_matches_at_any_depth():
    check("settings.local.py", ["*.local.py"], True)
    check("config/env/settings.local.py", ["*.local.py"], True)
    check("config/env/settings.py", ["*.local.py"], False)


def test_star_does_not_cross_a_slash():
    check("reports/2026/q1.csv", ["reports/*.csv"], False)
    check("reports/q1.csv", ["reports/*.csv"], True)


def test_question_mark_is_exactly_one_character():
    check("dump1.sql", ["dump?.sql"], True)
    check("dump12.sql", ["dump?.sql"], False)
    check("dump.sql", ["dump?.sql"], False)


def test_directory_only_pattern_needs_a_directory():
    check("media/uploads/cat.png", ["uploads/"], True)
    check("media/uploads", ["uploads/"], False)


def test_name_pattern_matching_a_directory_ignores_its_content():
    check("node_modules/left-pad/index.js", ["node_modules"], True)


def test_anchored_patterns():
    check("secrets.json", ["/secrets.json"], True)
    check("deploy/secrets.json", ["/secrets.json"], False)
    check("deploy/secrets.json", ["deploy/secrets.json"], True)
    check("ops/deploy/secrets.json", ["deploy/secrets.json"], False)


def test_last_matching_pattern_wins():
    check("coverage.xml", ["*.xml", "!coverage.xml"], False)
    check("coverage.xml", ["!coverage.xml", "*.xml"], True)
    check("pom.xml", ["*.xml", "!coverage.xml"], True)


def test_no_reinclusion_inside_an_ignored_directory():
    check("tmp/keep/.gitkeep", ["tmp/", "!tmp/keep/.gitkeep"], True)
    check("tmp/keep/.gitkeep", ["tmp/*", "!tmp/keep/"], False)
    check("tmp/other/x", ["tmp/*", "!tmp/keep/"], True)


def test_negating_a_directory_reincludes_it():
    check("build/keep/a.txt", ["build/*", "!build/keep/"], False)


def test_double_star_patterns():
    check("migrations/versions/0001_init.py", ["**/versions/*.py"], True)
    check("versions/0001_init.py", ["**/versions/*.py"], True)
    check("static/css/a/b/site.min.css", ["static/**/*.min.css"], True)
    check("static/site.min.css", ["static/**/*.min.css"], True)
    check("staticfiles/site.min.css", ["static/**/*.min.css"], False)
    check("var/cache/a/b/c", ["var/**"], True)
    check("var", ["var/**"], False)


def test_comments_and_blank_lines_are_not_patterns():
    check("#notes.txt", ["#notes.txt"], False)
    check("notes.txt", ["", "# *.txt"], False)


def test_dots_are_literal():
    check("envrc", [".env*"], False)
    check(".env.production", [".env*"], True)
    check("axpy", ["a.py"], False)


def test_nothing_matches_means_not_ignored():
    check("app/main.py", ["*.pyc", "__pycache__/", ".venv/"], False)
    check("app/main.py", [], False)


def test_plus_and_parentheses_are_literal():
    check("copy (1).txt", ["copy (1).txt"], True)
    check("c++.txt", ["c++.txt"], True)
    check("cc.txt", ["c+.txt"], False)
