from solution import changelog


def check(version, day, messages, expected):
    got = changelog(version, day, messages)
    assert got == expected, (
        f"changelog({version!r}, {day!r}, {messages!r})\nexpected:\n{expected}\ngot:\n{got}"
    )


def test_readme_example():
    check(
        "2.0.1",
        "2026-03-09",
        ["fix(db): close idle connections", "docs: typo"],
        "## 2.0.1 (2026-03-09)\n\n### Bug fixes\n\n- **db:** close idle connections\n",
    )


def test_all_sections_in_order_whatever_the_commit_order():
    messages = [
        "perf(search): use the trigram index",
        "fix: round totals to cents",
        "feat(cart): save baskets for later",
        "refactor(orders)!: rename status values",
        "feat: export invoices",
    ]
    expected = (
        "## 7.0.0 (2027-01-31)\n"
        "\n### Breaking changes\n\n- **orders:** rename status values\n"
        "\n### Features\n\n- **cart:** save baskets for later\n- export invoices\n"
        "\n### Bug fixes\n\n- round totals to cents\n"
        "\n### Performance\n\n- **search:** use the trigram index\n"
    )
    check("7.0.0", "2027-01-31", messages, expected)


def test_breaking_footer_moves_the_commit_to_breaking_changes_only():
    messages = ["feat(auth): tokens expire\n\nLonger text.\n\nBREAKING CHANGE: old tokens fail", "feat: b"]
    expected = (
        "## 3.0.0 (2026-05-01)\n"
        "\n### Breaking changes\n\n- **auth:** tokens expire\n"
        "\n### Features\n\n- b\n"
    )
    check("3.0.0", "2026-05-01", messages, expected)


def test_breaking_change_in_the_middle_of_a_line_is_not_a_footer():
    messages = ["fix: quotes\n\nSee the BREAKING CHANGE: section of the docs."]
    check("1.0.1", "2026-05-02", messages, "## 1.0.1 (2026-05-02)\n\n### Bug fixes\n\n- quotes\n")


def test_other_types_and_non_conventional_messages_are_left_out():
    messages = ["Merge pull request #12", "docs: faq", "chore: deps", "feat:no space", "Feat: caps", "test: x"]
    check("0.4.1", "2026-01-02", messages, "## 0.4.1 (2026-01-02)\n\nNo notable changes.\n")


def test_no_commits_at_all():
    check("0.0.1", "2025-12-31", [], "## 0.0.1 (2025-12-31)\n\nNo notable changes.\n")


def test_same_entry_twice_is_printed_once_at_its_first_place():
    messages = ["fix(api): a", "fix: b", "fix(api): a", "fix: c", "fix(web): a"]
    expected = "## 1.1.1 (2026-06-06)\n\n### Bug fixes\n\n- **api:** a\n- b\n- c\n- **web:** a\n"
    check("1.1.1", "2026-06-06", messages, expected)


def test_same_description_in_two_sections_is_kept_in_both():
    messages = ["feat: search", "fix: search"]
    expected = "## 1.2.0 (2026-06-07)\n\n### Features\n\n- search\n\n### Bug fixes\n\n- search\n"
    check("1.2.0", "2026-06-07", messages, expected)


def test_a_lone_perf_commit():
    check("9.9.9", "2026-02-03", ["perf: x"], "## 9.9.9 (2026-02-03)\n\n### Performance\n\n- x\n")


def test_description_keeps_colons_and_the_body_is_not_printed():
    messages = ["fix(db): retry when locked (SQLite): up to 3 times\n\nLong explanation."]
    expected = "## 1.0.2 (2026-07-01)\n\n### Bug fixes\n\n- **db:** retry when locked (SQLite): up to 3 times\n"
    check("1.0.2", "2026-07-01", messages, expected)
