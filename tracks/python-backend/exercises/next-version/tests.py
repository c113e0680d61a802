import pytest

from solution import next_version


def check(current, messages, expected):
    got = next_version(current, messages)
    assert got == expected, f"next_version({current!r}, {messages!r}) should be {expected!r}, got {got!r}"


def test_fix_bumps_the_patch():
    check("2.7.9", ["fix(cart): keep quantities above zero"], "2.7.10")
    check("2.7.9", ["perf: cache the price list"], "2.7.10")


def test_feature_bumps_minor_and_resets_patch():
    check("3.9.4", ["feat: export orders as CSV"], "3.10.0")


def test_highest_level_wins_and_counts_once():
    messages = ["feat: a", "fix: b", "feat(x): c", "feat: d", "docs: e"]
    check("1.1.1", messages, "1.2.0")
    check("5.0.0", ["fix: a", "fix: b", "fix: c"], "5.0.1")


def test_bang_means_major_and_resets_the_rest():
    check("4.12.3", ["fix: a", "refactor(db)!: rename tables"], "5.0.0")


def test_breaking_change_footers():
    check("1.2.3", ["fix: new token format\n\nBREAKING CHANGE: old tokens are refused"], "2.0.0")
    check("1.2.3", ["feat: x\n\nDetails.\n\nBREAKING-CHANGE: y"], "2.0.0")


def test_breaking_change_must_start_a_line_after_the_header():
    check("1.2.3", ["fix: a\n\nThis is not a BREAKING CHANGE: just a note"], "1.2.4")
    check("1.2.3", ["fix: mention BREAKING CHANGE: in docs"], "1.2.4")


def test_nothing_to_release():
    check("1.2.3", ["docs: a", "chore(deps): bump", "test: more", "ci: cache"], None)
    check("1.2.3", [], None)


def test_non_conventional_messages_ask_for_nothing():
    check("1.2.3", ["Merge branch 'main' into feature", "Fixed stuff", "Feat: capital"], None)
    check("1.2.3", ["feature: not a feat", "fix:no space", "WIP", "fix: ok"], "1.2.4")
    # Without the space after the colon it is not a header, so it cannot raise the level.
    check("1.2.3", ["feat:no space", "fix: ok"], "1.2.4")
    check("1.2.3", ["refactor!:drop the old API"], None)


def test_zero_major_moves_levels_down():
    check("0.9.9", ["feat(api)!: drop v1"], "0.10.0")
    check("0.9.9", ["feat: search"], "0.9.10")
    check("0.9.9", ["fix: search"], "0.9.10")
    check("0.0.0", ["docs: readme"], None)


def test_one_point_zero_follows_the_normal_rules():
    check("1.0.0", ["feat: search"], "1.1.0")


def test_versions_with_many_digits_are_numbers_not_text():
    check("9.99.999", ["fix: a"], "9.99.1000")
    check("19.9.0", ["feat!: a"], "20.0.0")


@pytest.mark.parametrize("current", ["v1.4", "1.4", "1.04.2", "1.4.2.1", "1.4.x", "", " 1.4.2", "1.4.2-rc.1", "01.0.0", "1..2"])
def test_invalid_current_version_raises_value_error(current):
    with pytest.raises(ValueError):
        next_version(current, ["fix: a"])
