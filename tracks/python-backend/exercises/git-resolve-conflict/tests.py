import ast

import repo

EXPECTED = {"coffee": 2.50, "tea": 2.20, "juice": 3.50, "cocoa": 3.00}
MARKERS = ("<<<<<<<", "=======", ">>>>>>>")


def given(subject):
    for c in repo.log(all_refs=True):
        if c.subject == subject:
            return c
    return None


def prices():
    """The PRICES dict of prices.py at main, read without running the file."""
    text = repo.show("main", "prices.py")
    assert text is not None, "prices.py is not on main"
    try:
        tree = ast.parse(text)
    except SyntaxError as error:
        raise AssertionError(f"prices.py at main is not valid Python (line {error.lineno}): {error.msg}")
    for node in tree.body:
        if isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == ["PRICES"]:
            return ast.literal_eval(node.value)
    raise AssertionError("prices.py at main no longer defines PRICES")


def test_new_menu_is_left_as_it_was():
    menu = given("New menu: tea costs more, cocoa is new")
    assert menu is not None and repo.resolve("new-menu") == menu.sha, "the branch new-menu moved: merge it into main, leave the branch itself as it was"


def test_main_ends_with_a_merge_of_new_menu():
    last = repo.commit("main")
    juice = given("Sell juice")
    assert last is not None and last.is_merge, f"the last commit of main ({last.subject if last else None!r}) is not a merge commit: run `git merge new-menu` on main and commit the resolution"
    assert juice is not None and last.parents[0] == juice.sha, "the merge's first parent should be the main you were given ('Sell juice')"
    assert last.parents[1] == repo.resolve("new-menu"), "the merge's second parent should be the tip of new-menu"


def test_no_conflict_markers_are_left():
    for path in repo.files("main"):
        for number, line in enumerate((repo.show("main", path) or "").splitlines(), 1):
            assert not line.startswith(MARKERS), f"{path} line {number} still holds a conflict marker: {line!r}"


def test_prices_py_is_valid_python():
    prices()


def test_both_sides_of_the_conflict_are_kept():
    got = prices()
    assert got == EXPECTED, f"PRICES at main is {got}; expected {EXPECTED} (main's juice, and new-menu's tea price and cocoa)"


def test_the_merge_changes_only_prices_py():
    last = repo.commit("main")
    juice = given("Sell juice")
    changed = repo.changed_files(juice.sha, last.sha)
    assert changed == ["prices.py"], f"compared with the main you were given, your merge changes {changed}; expected only prices.py"
