import repo

BRANCH = "feature/search"


def given_tip():
    """The last commit of main that `roadwork start` gave."""
    for c in repo.log("main", first_parent=True):
        if c.subject == "Add note listing":
            return c
    return None


def branch_commits():
    """The commits of the feature branch that main did not have, oldest first."""
    tip = given_tip()
    out = repo.git("rev-list", "--reverse", "%s..%s" % (tip.sha, repo.resolve(BRANCH)))
    return [repo.commit(sha) for sha in out.split()]


def test_the_branch_feature_search_exists():
    assert BRANCH in repo.branches(), f"there is no branch {BRANCH}; your branches are {repo.branches()}. Create it with `git switch -c {BRANCH}` and keep it after the merge"


def test_the_given_history_of_main_is_kept():
    assert given_tip() is not None, "main no longer holds the commit 'Add note listing' you were given"


def test_the_branch_starts_at_the_tip_of_main():
    assert BRANCH in repo.branches(), f"there is no branch {BRANCH}"
    tip = given_tip()
    first = branch_commits()[0] if branch_commits() else None
    assert first is not None, f"{BRANCH} has no commits of its own"
    assert first.parents == [tip.sha], (
        f"the first commit of {BRANCH} ({first.subject!r}) does not sit on the tip of main ('Add note listing'): "
        "create the branch while you stand on the last commit of main"
    )


def test_the_branch_has_two_commits_for_the_feature():
    assert BRANCH in repo.branches(), f"there is no branch {BRANCH}"
    commits = branch_commits()
    assert len(commits) == 2, f"{BRANCH} has {len(commits)} commit(s) of its own; expected 2 (search.py, then its test)"
    assert commits[0].files == ["search.py"], f"the first commit of the branch changes {commits[0].files}; expected only search.py"
    assert commits[1].files == ["test_search.py"], f"the second commit of the branch changes {commits[1].files}; expected only test_search.py"


def test_main_ends_with_a_merge_of_the_branch():
    last = repo.commit("main")
    assert last.is_merge, f"the last commit of main ({last.subject!r}) is not a merge commit: merge with `git merge --no-ff {BRANCH}`"
    assert last.parents[0] == given_tip().sha, "the merge's first parent should be the tip of main you were given: commit nothing else on main"
    assert BRANCH not in repo.branches() or last.parents[1] == repo.resolve(BRANCH), f"the merge's second parent is not the tip of {BRANCH}"
    assert BRANCH in last.subject, f"the merge commit's subject {last.subject!r} should name the branch, as git's own does: Merge branch '{BRANCH}'"


def test_main_has_search_after_the_merge():
    text = repo.show("main", "search.py") or ""
    assert "def search(word):" in text, "search.py at main has no `def search(word):`"
    assert repo.show("main", "test_search.py"), "test_search.py is not on main"
    assert repo.show("main", "notes.py") == repo.show(given_tip().sha, "notes.py"), "notes.py changed: this feature adds files only"
