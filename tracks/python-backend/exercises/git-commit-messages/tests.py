import repo

GIVEN = "Add the shopping cart and the tax helper"
PAST_OR_ING = ("ed", "ing")
NOT_IMPERATIVE = {"fixes", "adds", "changes", "updates", "removes", "counts", "rounds", "makes", "wip", "fix:", "misc"}


def new_commits():
    """The commits of main after the one the learner was given, oldest first."""
    history = repo.log("main")
    assert history and history[-1].subject == GIVEN, "the history of main no longer starts with the commit you were given: start again from `roadwork start git-commit-messages`"
    return list(reversed(history[:-1]))


def test_two_commits_on_top_of_the_given_one():
    commits = new_commits()
    assert len(commits) == 2, f"main has {len(commits)} commit(s) after the one you were given; expected 2, one per fix"
    merges = [c.short for c in commits if c.is_merge]
    assert not merges, f"{merges} are merge commits: make the two commits one after the other on main"


def test_each_fix_is_a_commit_of_its_own():
    changed = [c.files for c in new_commits()]
    assert sorted(changed) == [["shop/cart.py"], ["shop/tax.py"]], f"your commits change {changed}; expected one commit that changes only shop/cart.py and one that changes only shop/tax.py"


def test_both_fixes_are_made():
    cart = repo.show("main", "shop/cart.py") or ""
    tax = repo.show("main", "shop/tax.py") or ""
    assert "item.price * item.quantity for item" in cart, "shop/cart.py at main does not multiply the price by the quantity"
    assert "round(amount * (1 + RATE), 2)" in tax, "shop/tax.py at main does not round to two decimals"


def test_subjects_are_at_most_50_characters():
    for c in new_commits():
        assert len(c.subject) <= 50, f"the subject {c.subject!r} has {len(c.subject)} characters; keep it to 50 and put the rest in the body"


def test_subjects_are_capitalised_without_a_final_period():
    for c in new_commits():
        assert c.subject[:1].isupper(), f"the subject {c.subject!r} should start with a capital letter"
        assert not c.subject.endswith("."), f"the subject {c.subject!r} ends with a period: leave it out"


def test_subjects_are_in_the_imperative():
    for c in new_commits():
        first = c.subject.split(" ", 1)[0].lower()
        assert not first.endswith(PAST_OR_ING) and first not in NOT_IMPERATIVE, f"the subject {c.subject!r} starts with {first!r}: write it as an order, for example 'Count quantities in the cart total'"


def test_each_message_has_a_body_after_a_blank_line():
    for c in new_commits():
        lines = c.message.split("\n")
        assert len(lines) >= 3 and lines[1] == "" and c.body, f"commit {c.short} ({c.subject!r}) has no body: add a blank line after the subject, then say why the change is needed"
        long = [line for line in lines[2:] if len(line) > 72]
        assert not long, f"commit {c.short} has body lines over 72 characters: {long[0]!r}"
