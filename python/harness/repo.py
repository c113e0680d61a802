"""The learner's repository, as a git exercise's tests.py reads it: `import repo`.

Runs inside the sandbox only. git_runner.py has already built /work/repo.git, a bare
repository with a configuration of our own (no hooks, no includes, no filters), from the
learner's bundle; every git command here is read-only and runs with the flags in SAFE, so
nothing the learner put in the repository can make git run a program or read a file.
Values come back as plain str, int, list and dict, or as Commit objects of this module.
"""
import subprocess

GIT = "/usr/bin/git"
GIT_DIR = "/work/repo.git"
EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"

# Environment of every git command: no system or global configuration, no attributes from
# the system, replace refs ignored (a learner's refs/replace/* could swap commits), no prompt.
ENV = {
    "PATH": "/usr/bin:/bin",
    "HOME": "/work/git-home",
    "LC_ALL": "C.UTF-8",
    "GIT_DIR": GIT_DIR,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": "/dev/null",
    "GIT_ATTR_NOSYSTEM": "1",
    "GIT_NO_REPLACE_OBJECTS": "1",
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_OPTIONAL_LOCKS": "0",
    "GIT_PAGER": "cat",
}

# Options given before every subcommand: hooks, fsmonitor, transports, attributes, external
# diff programs and pagers all off, whatever a configuration might say.
SAFE = [
    "-c", "core.hooksPath=/dev/null",
    "-c", "core.fsmonitor=false",
    "-c", "protocol.allow=never",
    "-c", "core.attributesFile=/dev/null",
    "-c", "attr.tree=" + EMPTY_TREE,
    "-c", "core.pager=cat",
    "-c", "diff.external=",
    "-c", "gc.auto=0",
    "-c", "maintenance.auto=false",
    "-c", "log.showSignature=false",
    "-c", "core.quotePath=false",
    "--no-replace-objects",
]

# The longest output one git command may give back to a test (a learner's huge file or
# endless history must not exhaust the harness's memory): past it, the text is cut.
OUTPUT_LIMIT = 4 * 1024 * 1024


class GitError(Exception):
    """A git command failed: a revision that does not exist, a damaged object."""


def git(*args, check=True):
    """Runs one read-only git command on the learner's repository; returns its stdout as text."""
    result = subprocess.run(
        [GIT, *SAFE, *args],
        env=ENV,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        timeout=30,
    )
    out = result.stdout[:OUTPUT_LIMIT].decode("utf-8", "replace")
    if check and result.returncode != 0:
        raise GitError("git %s: %s" % (args[0], result.stderr.decode("utf-8", "replace").strip()[:500]))
    return out


def _ok(*args):
    return subprocess.run([GIT, *SAFE, *args], env=ENV, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=30).returncode == 0


def resolve(rev):
    """The full id of the commit `rev` names (a branch, a tag, HEAD~2, an id), or None."""
    if not isinstance(rev, str) or rev.startswith("-"):
        return None
    out = git("rev-parse", "--verify", "--quiet", "--end-of-options", rev + "^{commit}", check=False).strip()
    return out or None


class Commit:
    """One commit: its id, author, message, parents, and what it changed."""

    def __init__(self, sha, parents, author_name, author_email, date, message):
        self.sha = sha
        self.parents = parents
        self.author_name = author_name
        self.author_email = author_email
        self.date = date
        self.message = message
        lines = message.split("\n")
        self.subject = lines[0]
        self.body = "\n".join(lines[2:]).strip() if len(lines) > 2 else ""
        self._files = None

    @property
    def short(self):
        return self.sha[:7]

    @property
    def is_merge(self):
        return len(self.parents) > 1

    @property
    def files(self):
        """Paths this commit added, changed or deleted, compared with its first parent."""
        if self._files is None:
            self._files = changed_files(self.parents[0] if self.parents else EMPTY_TREE, self.sha)
        return self._files

    def __repr__(self):
        return "<commit %s %r>" % (self.short, self.subject)


_FORMAT = "%H%x00%P%x00%an%x00%ae%x00%aI%x00%B%x00%x01"


def _commits(out):
    commits = []
    for record in out.split("\x00\x01"):
        record = record.lstrip("\n")
        if not record:
            continue
        fields = record.split("\x00")
        if len(fields) < 6:
            continue
        sha, parents, name, email, date, message = fields[:6]
        commits.append(Commit(sha, parents.split(), name, email, date, message.rstrip("\n")))
    return commits


def commit(rev="HEAD"):
    """The commit `rev` names, or None when it names none."""
    sha = resolve(rev)
    if sha is None:
        return None
    found = _commits(git("show", "-s", "--no-show-signature", "--format=" + _FORMAT, sha))
    return found[0] if found else None


def log(rev="HEAD", first_parent=False, paths=None, all_refs=False, limit=10000):
    """Commits reachable from `rev` (or from every ref with all_refs=True), newest first."""
    args = ["log", "--no-show-signature", "--format=" + _FORMAT, "--max-count=%d" % limit]
    if first_parent:
        args.append("--first-parent")
    if all_refs:
        args.append("--all")
    else:
        sha = resolve(rev)
        if sha is None:
            return []
        args.append(sha)
    args.append("--")
    args.extend(paths or [])
    return _commits(git(*args))


def branches():
    """The names of the local branches, sorted."""
    return sorted(line for line in git("for-each-ref", "--format=%(refname:short)", "refs/heads/").split("\n") if line)


def tags():
    """The names of the tags, sorted."""
    return sorted(line for line in git("for-each-ref", "--format=%(refname:short)", "refs/tags/").split("\n") if line)


def head():
    """The branch HEAD names (the branch the learner was on), or None when HEAD is detached or unborn."""
    out = git("symbolic-ref", "--quiet", "--short", "HEAD", check=False).strip()
    return out or None


def show(rev, path):
    """The text of file `path` at commit `rev`, or None when the commit or the file does not exist."""
    sha = resolve(rev)
    if sha is None or not _ok("cat-file", "-e", "%s:%s" % (sha, path)):
        return None
    if git("cat-file", "-t", "%s:%s" % (sha, path)).strip() != "blob":
        return None
    return git("cat-file", "blob", "%s:%s" % (sha, path))


def files(rev="HEAD"):
    """Every file path in the tree of commit `rev`, sorted ([] when `rev` names no commit)."""
    sha = resolve(rev)
    if sha is None:
        return []
    return sorted(line for line in git("ls-tree", "-r", "-z", "--name-only", sha).split("\x00") if line)


def changed_files(a, b):
    """Paths that differ between commits (or trees) a and b, sorted."""
    out = git("diff-tree", "-r", "-z", "--no-renames", "--no-textconv", "--no-ext-diff", "--name-only", a, b)
    return sorted(line for line in out.split("\x00") if line)


def diff(a, b, path=None):
    """The unified diff between commits a and b (of one path, if given), as text."""
    args = ["diff", "--no-textconv", "--no-ext-diff", "--no-color", a, b, "--"]
    if path is not None:
        args.append(path)
    return git(*args)


def is_ancestor(a, b):
    """True when commit a is in the history of commit b (a commit is its own ancestor)."""
    sa, sb = resolve(a), resolve(b)
    return sa is not None and sb is not None and _ok("merge-base", "--is-ancestor", sa, sb)


def merge_base(a, b):
    """The best common ancestor of a and b, or None."""
    sa, sb = resolve(a), resolve(b)
    if sa is None or sb is None:
        return None
    return git("merge-base", sa, sb, check=False).strip() or None


def count(rev="HEAD"):
    """How many commits are reachable from `rev` (0 when it names none)."""
    sha = resolve(rev)
    return int(git("rev-list", "--count", sha).strip()) if sha is not None else 0


def ignored(path, rev="HEAD"):
    """True when the .gitignore files at commit `rev` make git ignore `path`.

    The .gitignore files are written into a scratch work tree of our own (only them, never
    another file of the learner's), and `git check-ignore --no-index` judges the path there.
    """
    import os
    import shutil
    import tempfile

    sha = resolve(rev)
    if sha is None:
        return False
    tree = tempfile.mkdtemp(prefix="ignore-", dir="/tmp")
    try:
        for name in files(sha):
            if name == ".gitignore" or name.endswith("/.gitignore"):
                target = os.path.normpath(os.path.join(tree, name))
                if not target.startswith(tree + "/"):
                    continue
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with open(target, "w", encoding="utf-8") as out:
                    out.write(show(sha, name) or "")
        result = subprocess.run(
            [GIT, *SAFE, "--work-tree=" + tree, "check-ignore", "--no-index", "-q", "--", path],
            env=ENV,
            cwd=tree,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=30,
        )
        return result.returncode == 0
    finally:
        shutil.rmtree(tree, ignore_errors=True)
