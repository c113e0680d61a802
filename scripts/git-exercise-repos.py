#!/usr/bin/env python3
"""Writes the repositories of the built-in git exercises as git fast-import streams.

    python3 scripts/git-exercise-repos.py tracks/python-backend/exercises

Each exercise's starter.fast-import, solution.fast-import and bad/*.fast-import are made
here, from one description per exercise, so that the starter's commits are the same bytes
(and so the same commit ids) in the reference and in every bad repository. Times and authors
are fixed: running it twice gives the same files. An educator can as well make a repository
by hand and keep `git fast-export --all` of it (docs/tracks.md, "git exercises").
"""
import os
import sys

ADA = ("Ada Lovelace", "ada@example.com")
LIN = ("Linus Example", "linus@example.com")
T0 = 1_714_557_600  # 2024-05-01 10:00 UTC


class Stream:
    """A fast-import stream under construction: commits, branches, tags."""

    def __init__(self, header=""):
        self.parts = [header] if header else []
        self.marks = 0
        self.time = T0
        self.trees = {}  # mark -> {path: text}

    def commit(self, branch, message, files=None, delete=(), parent=None, merge=None, author=ADA):
        self.marks += 1
        self.time += 3600
        mark = self.marks
        name, email = author
        lines = [
            "commit refs/heads/%s" % branch,
            "mark :%d" % mark,
            "author %s <%s> %d +0000" % (name, email, self.time),
            "committer %s <%s> %d +0000" % (name, email, self.time),
            data(message),
        ]
        tree = dict(self.trees.get(parent, {})) if parent is not None else {}
        if parent is not None:
            lines.append("from :%d" % parent)
        if merge is not None:
            lines.append("merge :%d" % merge)
        for path in delete:
            lines.append("D %s" % path)
            tree.pop(path, None)
        for path, text in (files or {}).items():
            lines.append("M 100644 inline %s" % path)
            lines.append(data(text))
            tree[path] = text
        self.trees[mark] = tree
        self.parts.append("\n".join(lines) + "\n")
        return mark

    def branch(self, name, mark):
        self.parts.append("reset refs/heads/%s\nfrom :%d\n" % (name, mark))

    def tag(self, name, mark):
        self.parts.append("reset refs/tags/%s\nfrom :%d\n" % (name, mark))

    def file(self, mark, path):
        return self.trees[mark][path]

    def text(self):
        return "".join(self.parts)


def data(text):
    return "data %d\n%s" % (len(text.encode("utf-8")), text)


def comment(*lines):
    return "".join("# %s\n" % line for line in lines)


def write(folder, name, stream):
    path = os.path.join(folder, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as out:
        out.write(stream.text())


# --- git-ignore-secrets -------------------------------------------------------------------

APP = '''import os

import requests_stub as requests

API_KEY = os.environ["WEATHER_API_KEY"]


def forecast(city):
    return requests.get("https://weather.example/forecast", params={"city": city, "key": API_KEY})
'''


def ignore_secrets(folder):
    def starter(header):
        s = Stream(header)
        first = s.commit("main", "Add the weather app\n", {"app.py": APP, "requirements.txt": "requests==2.31.0\n"})
        return s, first

    s, _ = starter(comment("The repository `roadwork start git-ignore-secrets` gives: one commit, no .gitignore."))
    write(folder, "starter.fast-import", s)

    good_ignore = "# Secrets: never commit them\n.env\n\n# Python's caches\n__pycache__/\n*.pyc\n\n# The virtual environment\n.venv/\n"
    example = "# Copy to .env and fill in your own key.\nWEATHER_API_KEY=\n"
    s, first = starter(comment("The reference: .gitignore and .env.example in one commit on main."))
    s.commit("main", "Ignore secrets, caches and the virtual environment\n\nAdd .env.example so that others know which settings to set.\n", {".gitignore": good_ignore, ".env.example": example}, parent=first)
    write(folder, "solution.fast-import", s)

    s, first = starter(comment("Mistake: .env was committed, then deleted in a later commit; it is still in the history.", "fails: test_no_commit_ever_held_a_env_file"))
    leak = s.commit("main", "Add my settings\n", {".env": "WEATHER_API_KEY=8f14e45fceea167a5a36dedd4bea2543\n"}, parent=first)
    s.commit("main", "Remove .env and ignore it\n", {".gitignore": good_ignore, ".env.example": example}, delete=[".env"], parent=leak)
    write(folder, "bad/env-removed-later.fast-import", s)

    s, first = starter(comment("Mistake: `.env*` also ignores .env.example, so it never got committed.", "fails: test_env_example_is_committed_and_not_ignored"))
    s.commit("main", "Ignore secrets and caches\n", {".gitignore": ".env*\n__pycache__/\n*.pyc\n.venv/\n"}, parent=first)
    write(folder, "bad/env-star-pattern.fast-import", s)

    s, first = starter(comment("Mistake: the virtual environment is not ignored.", "fails: test_the_virtual_environment_is_ignored"))
    s.commit("main", "Ignore secrets and caches\n", {".gitignore": ".env\n__pycache__/\n", ".env.example": example}, parent=first)
    write(folder, "bad/venv-not-ignored.fast-import", s)

    s, first = starter(comment("Mistake: .env.example holds the real key instead of an empty value.", "fails: test_env_example_holds_no_secret"))
    s.commit("main", "Ignore secrets and document the settings\n", {".gitignore": good_ignore, ".env.example": "WEATHER_API_KEY=8f14e45fceea167a5a36dedd4bea2543\n"}, parent=first)
    write(folder, "bad/real-key-in-example.fast-import", s)


# --- git-commit-messages ------------------------------------------------------------------

CART = '''class Cart:
    def __init__(self):
        self.items = []

    def add(self, item):
        self.items.append(item)

    def total(self):
        return sum(item.price for item in self.items)
'''
TAX = '''RATE = 0.2


def with_tax(amount):
    return round(amount * (1 + RATE))
'''
CART_FIXED = CART.replace("item.price for item", "item.price * item.quantity for item")
TAX_FIXED = TAX.replace("round(amount * (1 + RATE))", "round(amount * (1 + RATE), 2)")
README_SHOP = "# Shop\n\nA tiny shopping cart.\n"


def commit_messages(folder):
    def starter(header):
        s = Stream(header)
        return s, s.commit("main", "Add the shopping cart and the tax helper\n", {"README.md": README_SHOP, "shop/cart.py": CART, "shop/tax.py": TAX})

    s, _ = starter(comment("The repository `roadwork start git-commit-messages` gives: one commit with two bugs."))
    write(folder, "starter.fast-import", s)

    s, first = starter(comment("The reference: one commit per fix, each message a short imperative subject, a blank line and a body that says why."))
    c = s.commit("main", "Count quantities in the cart total\n\nThe total added each item's price once, so three mugs cost as much\nas one. Multiply the price by the quantity.\n", {"shop/cart.py": CART_FIXED}, parent=first)
    s.commit("main", "Round prices with tax to cents\n\nround() without a number of digits rounds to whole units, so 9.99\nwith tax became 12. Keep two decimals.\n", {"shop/tax.py": TAX_FIXED}, parent=c)
    write(folder, "solution.fast-import", s)

    s, first = starter(comment("Mistake: both fixes in one commit.", "fails: test_each_fix_is_a_commit_of_its_own"))
    s.commit("main", "Fix the cart total and the tax rounding\n\nThe total ignored quantities and the tax helper rounded to whole\nunits.\n", {"shop/cart.py": CART_FIXED, "shop/tax.py": TAX_FIXED}, parent=first)
    write(folder, "bad/one-commit-for-both.fast-import", s)

    s, first = starter(comment("Mistake: subjects in the past tense, lower case, ending with a period.", "fails: test_subjects_are_capitalised_without_a_final_period"))
    c = s.commit("main", "fixed quantities in the cart total.\n\nThe total added each item's price once, so three mugs cost as much\nas one.\n", {"shop/cart.py": CART_FIXED}, parent=first)
    s.commit("main", "fixed rounding of prices with tax.\n\nround() without a number of digits rounds to whole units.\n", {"shop/tax.py": TAX_FIXED}, parent=c)
    write(folder, "bad/past-tense-subjects.fast-import", s)

    s, first = starter(comment("Mistake: subjects only, no body that says why.", "fails: test_each_message_has_a_body_after_a_blank_line"))
    c = s.commit("main", "Count quantities in the cart total\n", {"shop/cart.py": CART_FIXED}, parent=first)
    s.commit("main", "Round prices with tax to cents\n", {"shop/tax.py": TAX_FIXED}, parent=c)
    write(folder, "bad/no-body.fast-import", s)

    s, first = starter(comment("Mistake: the whole explanation in a subject line far over 50 characters.", "fails: test_subjects_are_at_most_50_characters"))
    c = s.commit("main", "Count quantities in the cart total because three mugs cost as much as one\n\nMultiply by the quantity.\n", {"shop/cart.py": CART_FIXED}, parent=first)
    s.commit("main", "Round prices with tax to cents\n\nround() without digits rounds to whole units.\n", {"shop/tax.py": TAX_FIXED}, parent=c)
    write(folder, "bad/long-subject.fast-import", s)


# --- git-feature-branch ----------------------------------------------------------------

NOTES = '''NOTES = []


def add(text):
    NOTES.append(text)
'''
NOTES_LIST = NOTES + '''

def listing():
    return list(NOTES)
'''
SEARCH = '''from notes import NOTES


def search(word):
    word = word.casefold()
    return [note for note in NOTES if word in note.casefold()]
'''
TEST_SEARCH = '''from notes import NOTES, add
from search import search


def test_search_ignores_case():
    NOTES.clear()
    add("Buy Milk")
    assert search("milk") == ["Buy Milk"]
'''


def feature_branch(folder):
    def starter(header):
        s = Stream(header)
        a = s.commit("main", "Add notes\n", {"notes.py": NOTES, "README.md": "# Notes\n"})
        b = s.commit("main", "Add note listing\n", {"notes.py": NOTES_LIST}, parent=a)
        return s, a, b

    s, _, _ = starter(comment("The repository `roadwork start git-feature-branch` gives: two commits on main."))
    write(folder, "starter.fast-import", s)

    def feature(s, base, branch="feature/search"):
        f1 = s.commit(branch, "Add search over notes\n", {"search.py": SEARCH}, parent=base, author=LIN)
        f2 = s.commit(branch, "Test that search ignores case\n", {"test_search.py": TEST_SEARCH}, parent=f1, author=LIN)
        return f2

    s, a, b = starter(comment("The reference: feature/search from the tip of main, two commits, merged with --no-ff."))
    tip = feature(s, b)
    s.commit("main", "Merge branch 'feature/search'\n", parent=b, merge=tip, files={"search.py": SEARCH, "test_search.py": TEST_SEARCH})
    write(folder, "solution.fast-import", s)

    s, a, b = starter(comment("Mistake: a fast-forward merge: main moved to the branch's tip, no merge commit records the feature.", "fails: test_main_ends_with_a_merge_of_the_branch"))
    tip = feature(s, b)
    s.branch("main", tip)
    write(folder, "bad/fast-forward.fast-import", s)

    s, a, b = starter(comment("Mistake: the work was committed on main directly; there is no feature branch.", "fails: test_the_branch_feature_search_exists"))
    feature(s, b, branch="main")
    write(folder, "bad/no-branch.fast-import", s)

    s, a, b = starter(comment("Mistake: the branch starts from the first commit, not from the tip of main.", "fails: test_the_branch_starts_at_the_tip_of_main"))
    tip = feature(s, a)
    s.commit("main", "Merge branch 'feature/search'\n", parent=b, merge=tip, files={"search.py": SEARCH, "test_search.py": TEST_SEARCH})
    write(folder, "bad/branch-from-old-commit.fast-import", s)

    s, a, b = starter(comment("Mistake: the feature branch was deleted after the merge.", "fails: test_the_branch_feature_search_exists"))
    # The branch's commits are made on main's name, then main goes back to b for the merge:
    # they stay reachable through the merge only, as after `git branch -d feature/search`.
    tip = feature(s, b, branch="main")
    s.commit("main", "Merge branch 'feature/search'\n", parent=b, merge=tip, files={"search.py": SEARCH, "test_search.py": TEST_SEARCH})
    write(folder, "bad/branch-deleted.fast-import", s)


# --- git-resolve-conflict ---------------------------------------------------------------

PRICES_BASE = 'PRICES = {\n    "coffee": 2.50,\n    "tea": 2.00,\n}\n'
PRICES_MAIN = 'PRICES = {\n    "coffee": 2.50,\n    "tea": 2.00,\n    "juice": 3.50,\n}\n'
PRICES_MENU = 'PRICES = {\n    "coffee": 2.50,\n    "tea": 2.20,\n    "cocoa": 3.00,\n}\n'
PRICES_BOTH = 'PRICES = {\n    "coffee": 2.50,\n    "tea": 2.20,\n    "juice": 3.50,\n    "cocoa": 3.00,\n}\n'
PRICES_MARKERS = 'PRICES = {\n    "coffee": 2.50,\n<<<<<<< HEAD\n    "tea": 2.00,\n    "juice": 3.50,\n=======\n    "tea": 2.20,\n    "cocoa": 3.00,\n>>>>>>> new-menu\n}\n'
MENU_MD = "# Menu\n\nPrices are in euros.\n"


def resolve_conflict(folder):
    def starter(header):
        s = Stream(header)
        base = s.commit("main", "Add the price list\n", {"prices.py": PRICES_BASE, "MENU.md": MENU_MD})
        menu = s.commit("new-menu", "New menu: tea costs more, cocoa is new\n", {"prices.py": PRICES_MENU}, parent=base, author=LIN)
        main = s.commit("main", "Sell juice\n", {"prices.py": PRICES_MAIN}, parent=base)
        return s, main, menu

    s, _, _ = starter(comment("The repository `roadwork start git-resolve-conflict` gives: main and new-menu, which conflict in prices.py."))
    write(folder, "starter.fast-import", s)

    s, main, menu = starter(comment("The reference: new-menu merged into main, both sides kept."))
    s.commit("main", "Merge branch 'new-menu'\n", {"prices.py": PRICES_BOTH}, parent=main, merge=menu)
    write(folder, "solution.fast-import", s)

    s, main, menu = starter(comment("Mistake: the conflict markers were committed as they were.", "fails: test_no_conflict_markers_are_left"))
    s.commit("main", "Merge branch 'new-menu'\n", {"prices.py": PRICES_MARKERS}, parent=main, merge=menu)
    write(folder, "bad/markers-committed.fast-import", s)

    s, main, menu = starter(comment("Mistake: the conflict was resolved by keeping main's side only (git checkout --ours).", "fails: test_both_sides_of_the_conflict_are_kept"))
    s.commit("main", "Merge branch 'new-menu'\n", {"prices.py": PRICES_MAIN}, parent=main, merge=menu)
    write(folder, "bad/kept-ours.fast-import", s)

    s, main, menu = starter(comment("Mistake: new-menu's changes copied by hand into an ordinary commit: no merge, the branch's history is lost.", "fails: test_main_ends_with_a_merge_of_new_menu"))
    s.commit("main", "Apply the new menu\n", {"prices.py": PRICES_BOTH}, parent=main)
    write(folder, "bad/copied-not-merged.fast-import", s)

    s, main, menu = starter(comment("Mistake: the merge also rewrote MENU.md, a file neither side had changed.", "fails: test_the_merge_changes_only_prices_py"))
    s.commit("main", "Merge branch 'new-menu'\n", {"prices.py": PRICES_BOTH, "MENU.md": "# Menu\n"}, parent=main, merge=menu)
    write(folder, "bad/merge-changes-more.fast-import", s)


# --- git-bisect-regression --------------------------------------------------------------

SLUG_V1 = '''import re


def slugify(title):
    text = title.lower()
    text = re.sub(r"[^a-z0-9]+", "-", text)
    return text.strip("-")
'''
CHECK = '''"""Exits 0 when slugify works, 1 when it does not: for `git bisect run python3 check_slug.py`."""
import sys

from slug import slugify

sys.exit(0 if slugify("Hello World") == "hello-world" else 1)
'''


def bisect_regression(folder):
    # Each step changes slug.py a little; step 7 drops lower(), the bug to find.
    v = [SLUG_V1]
    v.append(v[-1].replace("import re\n", "import re\nimport unicodedata\n"))
    v.append(v[-1].replace("    text = title.lower()\n", "    text = unicodedata.normalize(\"NFKD\", title)\n    text = text.encode(\"ascii\", \"ignore\").decode()\n    text = text.lower()\n"))
    v.append(v[-1] + '\n\ndef unique(slug, taken):\n    n = 2\n    candidate = slug\n    while candidate in taken:\n        candidate = "%s-%d" % (slug, n)\n        n += 1\n    return candidate\n')
    v.append(v[-1].replace("def slugify(title):\n", "def slugify(title):\n    \"\"\"A URL-safe, lower-case form of title.\"\"\"\n"))
    bad = v[-1].replace("    text = text.lower()\n", "")
    steps = [
        ("Add slugify", {"slug.py": v[0], "check_slug.py": CHECK}),
        ("Describe the project", {"README.md": "# Slugs\n\nTurns titles into URL parts.\n"}),
        ("Import unicodedata", {"slug.py": v[1]}),
        ("Fold accents to plain letters", {"slug.py": v[2]}),
        ("Add unique() for taken slugs", {"slug.py": v[3]}),
        ("Document slugify", {"slug.py": v[4]}),
        ("Tidy the text pipeline", {"slug.py": bad}),
        ("Mention accents in README", {"README.md": "# Slugs\n\nTurns titles into URL parts. Accents become plain letters.\n"}),
        ("Cap slugs at 60 characters", {"slug.py": bad.replace('    return text.strip("-")\n', '    return text.strip("-")[:60].rstrip("-")\n')}),
        ("Add a changelog", {"CHANGELOG.md": "# Changes\n\n- unique() for taken slugs\n"}),
        ("Start unique() numbering at 2", {"CHANGELOG.md": "# Changes\n\n- unique() for taken slugs, numbered from 2\n"}),
        ("Mention the 60-character cap in README", {"README.md": "# Slugs\n\nTurns titles into URL parts. Accents become plain letters.\nSlugs are at most 60 characters long.\n"}),
    ]

    def starter(header):
        s = Stream(header)
        marks = []
        parent = None
        for subject, files in steps:
            parent = s.commit("main", subject + "\n", files, parent=parent)
            marks.append(parent)
        return s, marks

    s, _ = starter(comment("The repository `roadwork start git-bisect-regression` gives: twelve commits; the seventh breaks slugify."))
    write(folder, "starter.fast-import", s)

    def reverted(s, tip):
        return s.file(tip, "slug.py").replace(
            "    text = text.encode(\"ascii\", \"ignore\").decode()\n", "    text = text.encode(\"ascii\", \"ignore\").decode()\n    text = text.lower()\n"
        )

    s, marks = starter(comment("The reference: the seventh commit tagged first-bad, then reverted on main with git revert."))
    s.tag("first-bad", marks[6])
    revert_message = 'Revert "Tidy the text pipeline"\n\nThis reverts commit %s.\n'
    # The id of the seventh commit is only known once imported: the generator fills it in below.
    s.commit("main", revert_message % "SEVENTH", {"slug.py": reverted(s, marks[-1])}, parent=marks[-1])
    write(folder, "solution.fast-import", s)

    s, marks = starter(comment("Mistake: the tag is on the commit after the first bad one (the last good one is the sixth).", "fails: test_first_bad_is_the_commit_that_broke_slugify"))
    s.tag("first-bad", marks[7])
    s.commit("main", revert_message % "SEVENTH", {"slug.py": reverted(s, marks[-1])}, parent=marks[-1])
    write(folder, "bad/tag-one-too-late.fast-import", s)

    s, marks = starter(comment("Mistake: main was reset to the last good commit: the bug is gone, and so are five commits of other work.", "fails: test_the_history_of_main_is_kept"))
    s.tag("first-bad", marks[6])
    s.branch("main", marks[5])
    write(folder, "bad/reset-to-last-good.fast-import", s)

    s, marks = starter(comment("Mistake: the bug fixed by hand in an ordinary commit instead of git revert.", "fails: test_main_ends_with_a_revert_of_first_bad"))
    s.tag("first-bad", marks[6])
    s.commit("main", "Fix slugify\n", {"slug.py": reverted(s, marks[-1])}, parent=marks[-1])
    write(folder, "bad/fixed-by-hand.fast-import", s)

    s, marks = starter(comment("Mistake: the revert went to a new branch and main still has the bug.", "fails: test_main_ends_with_a_revert_of_first_bad"))
    s.tag("first-bad", marks[6])
    s.commit("fix", revert_message % "SEVENTH", {"slug.py": reverted(s, marks[-1])}, parent=marks[-1])
    write(folder, "bad/revert-on-a-branch.fast-import", s)


def seventh_commit_id(folder):
    """The id of the seventh commit of the starter, as git computes it."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, GIT_DIR=tmp, GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL="/dev/null")
        subprocess.run(["git", "init", "-q", "--bare", tmp], env=env, check=True)
        with open(os.path.join(folder, "starter.fast-import"), "rb") as stream:
            subprocess.run(["git", "fast-import", "--quiet"], env=env, stdin=stream, check=True)
        return subprocess.run(["git", "rev-parse", "main~5"], env=env, check=True, capture_output=True, text=True).stdout.strip()


def fill_in_seventh(folder):
    sha = seventh_commit_id(folder)
    for root, _, names in os.walk(folder):
        for name in names:
            if not name.endswith(".fast-import"):
                continue
            path = os.path.join(root, name)
            text = open(path, encoding="utf-8").read()
            if "SEVENTH" not in text:
                continue
            # The data lengths count bytes: an id is as long as the placeholder plus 33.
            old = 'Revert "Tidy the text pipeline"\n\nThis reverts commit SEVENTH.\n'
            new = old.replace("SEVENTH", sha)
            text = text.replace("data %d\n%s" % (len(old), old), "data %d\n%s" % (len(new), new))
            open(path, "w", encoding="utf-8").write(text)


EXERCISES = {
    "git-ignore-secrets": ignore_secrets,
    "git-commit-messages": commit_messages,
    "git-feature-branch": feature_branch,
    "git-resolve-conflict": resolve_conflict,
    "git-bisect-regression": bisect_regression,
}


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "tracks/python-backend/exercises"
    for name, make in EXERCISES.items():
        make(os.path.join(root, name))
    fill_in_seventh(os.path.join(root, "git-bisect-regression"))


main()
