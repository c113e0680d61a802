"""`git push` to roadwork: takes in the pushed pack, checks it, and hands back the tree to grade.

Runs in the sandbox; the host never runs git on a learner's objects. The host keeps, per
learner and project, one pack of every object its branches reach (/work/store.pack, written
by an earlier run of this script) and the branches' commits (given in argv). This run:

1. builds /work/repo.git, a bare repository of our own configuration (repo.SAFE: no hooks,
   no includes, no filters, no fsmonitor, no attributes from the tree), from the stored pack;
2. indexes the pushed pack into it (--fix-thin: a push sends only what the server lacks;
   --strict: every object is fsck-checked, so a malformed tree or .gitmodules is refused);
3. checks each ref update (the new commit is a commit, everything it reaches is there) and
   moves the branch;
4. writes the graded commit's tree as a .tar.gz on stdout (regular files and folders only:
   links are left out, as `roadwork submit` leaves them out), and the new stored pack on fd 4;
5. sends one JSON frame on fd 3: {"t": "done", "refs": [{"ref", "ok", "message"}], "skipped": [...]}
   or {"t": "refused", "message"} when the pushed pack cannot be read at all.

Nothing of the learner's is executed: there is no work tree, and git only reads objects.
"""
import gzip
import io
import os
import subprocess
import sys
import tarfile

sys.path.insert(0, "/harness")

from wire import loads, write_frame  # noqa: E402
import repo  # noqa: E402

GIT_DIR = "/work/repo.git"
ENV = dict(repo.ENV, GIT_DIR=GIT_DIR)
STORE = "/work/store.pack"
PUSHED = "/work/push.pack"
ZERO = "0" * 40


class Refused(Exception):
    pass


def git(*args, stdin=None, data=None, check=True):
    result = subprocess.run(
        [repo.GIT, *repo.SAFE, "-c", "transfer.fsckObjects=true", *args],
        env=ENV,
        stdin=None if data is not None else stdin if stdin is not None else subprocess.DEVNULL,
        input=data,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        timeout=120,
    )
    if check and result.returncode != 0:
        detail = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise Refused("\n".join(detail[-3:])[:600] or "git %s failed" % args[0])
    return result


def index_pack(path, thin):
    if os.path.getsize(path) == 0:
        return
    with open(path, "rb") as pack:
        git("index-pack", "--stdin", "--strict", *(["--fix-thin"] if thin else []), stdin=pack)


def is_commit(sha):
    return git("cat-file", "-t", sha, check=False).stdout.strip() == b"commit"


def tree_archive(sha):
    """The commit's tree as .tar.gz bytes, without links; and the names left out."""
    raw = git("archive", "--format=tar", sha).stdout
    skipped = []
    out = io.BytesIO()
    with tarfile.open(fileobj=io.BytesIO(raw), mode="r:") as src, gzip.GzipFile(fileobj=out, mode="wb", mtime=0) as gz, tarfile.open(fileobj=gz, mode="w:", format=tarfile.PAX_FORMAT) as dst:
        for member in src:
            if member.isdir():
                dst.addfile(member)
            elif member.isreg():
                dst.addfile(member, src.extractfile(member))
            else:
                skipped.append(member.name)
    return out.getvalue(), skipped


def main():
    request = loads(sys.argv[1])
    os.makedirs(ENV["HOME"], exist_ok=True)
    git("init", "--quiet", "--bare", "--template=", "--initial-branch=main", GIT_DIR)
    index_pack(STORE, False)
    for ref, sha in request["refs"].items():
        git("update-ref", "--no-deref", ref, sha)
    try:
        index_pack(PUSHED, True)
    except Refused as error:
        write_frame(3, {"t": "refused", "message": "the pushed objects could not be read: %s" % error})
        return
    results = []
    for command in request["commands"]:
        ref, old, new = command["ref"], command["old"], command["new"]
        if not is_commit(new):
            results.append({"ref": ref, "ok": False, "message": "the pushed commit is missing or is not a commit"})
            continue
        missing = git("rev-list", "--objects", "--quiet", new, "--not", "--all", check=False)
        if missing.returncode != 0:
            results.append({"ref": ref, "ok": False, "message": "objects the commit needs were not sent (missing objects)"})
            continue
        git("update-ref", "--no-deref", ref, new, "" if old == ZERO else old)
        results.append({"ref": ref, "ok": True})
    skipped = []
    grade = request.get("grade")
    if grade and any(r["ok"] for r in results if r["ref"] == request.get("gradeRef")):
        archive, skipped = tree_archive(grade)
        sys.stdout.buffer.write(archive)
        sys.stdout.flush()
    tips = git("for-each-ref", "--format=%(objectname)", "refs/heads/").stdout
    pack = git("pack-objects", "--revs", "--stdout", "--quiet", data=tips).stdout if tips.strip() else b""
    with os.fdopen(4, "wb") as out:
        out.write(pack)
    refs = {}
    for line in git("for-each-ref", "--format=%(refname) %(objectname)", "refs/heads/").stdout.decode().splitlines():
        name, sha = line.split(" ")
        refs[name] = sha
    write_frame(3, {"t": "done", "results": results, "skipped": skipped, "refs": refs})


main()
