import repo

GIVEN_TIP = "Mention the 60-character cap in README"
BUG_SUBJECT = "Tidy the text pipeline"


def given(subject):
    for c in repo.log(all_refs=True):
        if c.subject == subject:
            return c
    return None


def works(rev):
    """Whether slugify lowers the text at that commit, read from the file (nothing is run)."""
    text = repo.show(rev, "slug.py") or ""
    return "title.lower()" in text or "text = text.lower()" in text


def test_the_tag_first_bad_exists():
    assert "first-bad" in repo.tags(), f"there is no tag first-bad; your tags are {repo.tags()}. Tag the commit with `git tag first-bad COMMIT` (roadwork submit sends tags)"


def test_first_bad_is_a_commit_of_main():
    assert repo.resolve("first-bad") is not None, "there is no tag first-bad"
    assert repo.is_ancestor("first-bad", "main"), "the commit tagged first-bad is not in the history of main"


def test_first_bad_is_the_commit_that_broke_slugify():
    tagged = repo.commit("first-bad")
    assert tagged is not None, "there is no tag first-bad"
    assert not works(tagged.sha), f"the tagged commit ({tagged.subject!r}) still works: the first bad commit comes later"
    assert tagged.parents and works(tagged.parents[0]), f"the tagged commit ({tagged.subject!r}) is bad, but so is its parent: the first bad commit comes earlier"


def test_the_history_of_main_is_kept():
    tip = given(GIVEN_TIP)
    assert tip is not None and repo.is_ancestor(tip.sha, "main"), "main no longer holds the commits you were given (a reset or a rebase?): undo the bad commit with git revert, on top of them"


def test_main_ends_with_a_revert_of_first_bad():
    last = repo.commit("main")
    bad = repo.resolve("first-bad") or (given(BUG_SUBJECT).sha if given(BUG_SUBJECT) else "?")
    assert last.subject.startswith('Revert "'), f"the last commit of main is {last.subject!r}; expected git revert's commit, 'Revert \"...\"'"
    assert f"This reverts commit {bad}" in last.message, "the revert commit's message should name the commit it reverts, as `git revert` writes it"
    assert not last.is_merge and last.parents[0] == given(GIVEN_TIP).sha, "the revert should be one commit on top of the main you were given"


def test_slugify_works_again_on_main():
    assert works("main"), "slug.py at main still does not lower the text"


def test_the_later_work_is_kept():
    text = repo.show("main", "slug.py") or ""
    assert '[:60].rstrip("-")' in text, "slug.py at main lost the 60-character cap of a later commit: revert only the bad commit"
    assert "def unique(" in text, "slug.py at main lost unique()"
    assert repo.show("main", "CHANGELOG.md"), "CHANGELOG.md, from a later commit, is not on main"
