"""git exercises: builds the learner's repository from their submission, then runs tests.py.

Runs in the sandbox. The submission (/work/submission) is a git bundle (`git bundle create
--all`, what `roadwork submit` sends), a zip or tar.gz of the learner's repository folder
(repo_archive.py: only its objects, branches, tags and HEAD are taken), or a git fast-import
stream (how an exercise keeps its starter, reference and bad repositories as text). It becomes /work/repo.git: a bare
repository created here, with our own configuration, holding only the learner's branches and
tags. Nothing of the learner's is executed: there is no work tree, hooks and includes and
filters are off (repo.SAFE), and tests.py only reads through `repo`.

Frames on fd 3 are the ones compat_runner.py sends (collected, result, load_failed, done).
"""
import os
import subprocess
import sys

sys.path.insert(0, "/harness")
sys.set_int_max_str_digits(0)

from wire import write_frame  # noqa: E402
import testing  # noqa: E402
import repo  # noqa: E402
import repo_archive  # noqa: E402

SUBMISSION = "/work/submission"
OUTPUT_KEPT = 2000
BUNDLE_SIGNATURES = (b"# v2 git bundle\n", b"# v3 git bundle\n")
HOW_TO_BUNDLE = "make it with `git bundle create repo.bundle --all` in your repository (`roadwork submit` does this for you), or send a zip or tar.gz of your repository's folder with its .git folder in it"


class Unreadable(Exception):
    """The submission is not a repository git can read: the learner's to fix."""


def send(frame):
    write_frame(3, frame)


def git(*args, stdin=None, check=True):
    result = subprocess.run(
        [repo.GIT, *repo.SAFE, "-c", "transfer.fsckObjects=true", "-c", "fetch.fsckObjects=true", *args],
        env=repo.ENV,
        stdin=stdin if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        timeout=60,
    )
    if check and result.returncode != 0:
        detail = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise Unreadable("\n".join(detail[-3:])[:600])
    return result.stdout.decode("utf-8", "replace")


def build_repository():
    os.makedirs(repo.ENV["HOME"], exist_ok=True)
    # --template= : no sample hooks, no info/exclude of git's templates; our config only.
    git("init", "--quiet", "--bare", "--template=", "--initial-branch=main", repo.GIT_DIR)
    with open(SUBMISSION, "rb") as file:
        start = file.read(32)
    if start.startswith(BUNDLE_SIGNATURES):
        from_bundle()
    elif repo_archive.is_archive(start):
        from_archive(start)
    elif start.lstrip().startswith((b"#", b"blob", b"commit", b"reset", b"tag", b"feature", b"progress")) or start == b"":
        from_fast_import()
    else:
        raise Unreadable("this is not a git bundle: " + HOW_TO_BUNDLE)
    # Only branches and tags count; a replace ref or a note could change what commands show.
    for ref in git("for-each-ref", "--format=%(refname)").split("\n"):
        if ref and not ref.startswith(("refs/heads/", "refs/tags/")):
            git("update-ref", "-d", ref)
    config = open(os.path.join(repo.GIT_DIR, "config"), encoding="utf-8").read()
    if "include" in config.lower():
        raise Unreadable("the repository's configuration was changed while it was read")


def from_bundle():
    # Unbundled, not fetched: no transport is involved at all (protocol.allow stays never).
    # verify refuses a bundle that needs commits it does not hold (made from a range).
    try:
        git("bundle", "verify", "--quiet", SUBMISSION)
        heads = git("bundle", "unbundle", SUBMISSION)
    except Unreadable as error:
        raise Unreadable("git cannot read this bundle (%s): %s" % (error, HOW_TO_BUNDLE))
    refs = {}
    for line in heads.split("\n"):
        parts = line.split(" ", 1)
        if len(parts) == 2:
            refs[parts[1]] = parts[0]
    for name, sha in refs.items():
        if name.startswith(("refs/heads/", "refs/tags/")):
            git("update-ref", "--no-deref", name, sha)
    head = refs.get("HEAD")
    # A bundle keeps the commit HEAD was on, not the branch name: the branch at that commit
    # (main or master first) is taken as the one the learner was on.
    names = [name for name, sha in refs.items() if name.startswith("refs/heads/") and sha == head]
    names.sort(key=lambda name: (name not in ("refs/heads/main", "refs/heads/master"), name))
    if names:
        git("symbolic-ref", "HEAD", names[0])
    else:
        pick_head()


def from_archive(start):
    def fail(message):
        # Not a zip or tar.gz at all (only its first bytes looked like one): say what to send.
        raise Unreadable(message + ": " + HOW_TO_BUNDLE if "cannot be read" in message else message)

    head = repo_archive.import_archive(SUBMISSION, start, git, repo.GIT_DIR, fail)
    if head is not None:
        git("symbolic-ref", "HEAD", head)
    else:
        pick_head()


def from_fast_import():
    with open(SUBMISSION, "rb") as stream:
        # Without --allow-unsafe-features a stream may not name files to read or write (marks).
        git("fast-import", "--quiet", stdin=stream)
    pick_head()


def pick_head():
    """HEAD on main, else master, else the first branch there is."""
    branches = repo.branches()
    for name in ("main", "master", *branches):
        if name in branches:
            git("symbolic-ref", "HEAD", "refs/heads/" + name)
            return


class Tee:
    def __init__(self, stream):
        self._stream, self.kept, self.size = stream, [], 0

    def write(self, text):
        if self.size < OUTPUT_KEPT and type(text) is str:
            self.kept.append(text[: OUTPUT_KEPT - self.size])
            self.size += len(self.kept[-1])
        return self._stream.write(text)

    def take(self):
        text, self.kept, self.size = "".join(self.kept), [], 0
        return text

    def __getattr__(self, name):
        return getattr(self._stream, name)


def main():
    testing.install_pytest_shim("/harness")
    with open("/work/tests.py", encoding="utf-8") as file:
        source = file.read()
    timeout_s = float(sys.argv[1]) / 1000 if len(sys.argv) > 1 else 10.0
    try:
        module, segments = testing.load_tests(source, "tests.py")
        items = testing.collect(module, segments, "tests.py")
    except BaseException as error:
        send({"t": "collect_error", "message": "%s: %s" % (type(error).__name__, error)})
        return
    collected = [{"name": i.name, "test_code": i.code, "task_id": i.task_id} for i in items]
    try:
        build_repository()
    except (Unreadable, subprocess.TimeoutExpired) as error:
        message = "your repository could not be read: %s" % error
        send({"t": "collected", "tests": collected})
        send({"t": "load_failed", "message": message})
        for item in items:
            send({"t": "result", "name": item.name, "status": "fail", "message": message})
        send({"t": "done"})
        return
    send({"t": "collected", "tests": collected})
    out = Tee(sys.stdout)
    sys.stdout = out
    for item in items:
        status, message, output, duration = testing.run_item(item, timeout_s, (), out.take, ())
        result = {"t": "result", "name": item.name, "status": status, "duration_ms": round(duration, 2)}
        if message:
            result["message"] = message[:4000]
        if output:
            result["output"] = output
        send(result)
    send({"t": "done"})


main()
