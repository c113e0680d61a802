"""A git submission uploaded as an archive (zip or tar.gz) of the learner's project folder,
.git included: what a learner who zips their repository sends. Runs in the sandbox only.

Only the repository's data is taken from the archive: its objects (loose and packed), its
branches and tags (refs/heads, refs/tags, packed-refs) and which branch HEAD names. The
learner's .git/config (and anything it includes), hooks, info/alternates, the work tree and
every other file are never extracted nor read, so nothing there can make git run a program
or read a file: the repository git sees is the bare /work/repo.git with our configuration.
Archive members are read as data; links, devices and paths that leave the folder are skipped.
"""
import re
import stat

ZIP = b"PK\x03\x04"
GZIP = b"\x1f\x8b"
MAX_MEMBERS = 50000
MAX_BYTES = 64 * 1024 * 1024

LOOSE = re.compile(r"^objects/[0-9a-f]{2}/[0-9a-f]{38}$")
PACK = re.compile(r"^objects/pack/pack-[0-9a-f]{40,64}\.(pack|idx)$")
REF = re.compile(r"^refs/(heads|tags)/[A-Za-z0-9._/+-]+$")
SHA = re.compile(r"^[0-9a-f]{40}([0-9a-f]{24})?$")


def is_archive(start):
    return start.startswith(ZIP) or start.startswith(GZIP)


def _members(path, start, fail):
    """(name, read) of each regular file in the archive; nothing else."""
    if start.startswith(ZIP):
        import zipfile

        try:
            archive = zipfile.ZipFile(path)
            infos = archive.infolist()
        except (zipfile.BadZipFile, OSError, ValueError) as error:
            fail("this zip file cannot be read (%s)" % error)
        for info in infos[: MAX_MEMBERS + 1]:
            mode = info.external_attr >> 16
            if info.is_dir() or (mode and not stat.S_ISREG(mode)):
                continue  # folders, and links (a zip keeps the Unix mode of a symlink)
            yield info.filename, info.file_size, (lambda info=info: archive.read(info))
        return
    import tarfile

    try:
        archive = tarfile.open(path, mode="r:gz")
        infos = archive.getmembers()
    except (tarfile.TarError, OSError, EOFError) as error:
        fail("this tar.gz file cannot be read (%s)" % error)
    for info in infos[: MAX_MEMBERS + 1]:
        if not info.isreg():
            continue  # links, devices, folders
        yield info.name, info.size, (lambda info=info: archive.extractfile(info).read())


def _clean(name):
    name = name.replace("\\", "/")
    parts = [p for p in name.split("/") if p not in ("", ".")]
    if not parts or ".." in parts or name.startswith("/"):
        return None
    return "/".join(parts)


def import_archive(path, start, git, git_dir, fail):
    """Fills the bare repository at git_dir (already created) from the archive's .git;
    returns the branch HEAD named, or None. `fail(message)` raises the learner's error."""
    files = []
    for name, size, read in _members(path, start, fail):
        clean = _clean(name)
        if clean is not None:
            files.append((clean, size, read))
    if len(files) > MAX_MEMBERS:
        fail("the archive holds more than %d files" % MAX_MEMBERS)
    # The .git folder nearest the top: the project folder itself, or the one folder it is in.
    prefixes = sorted({n[: n.index(".git/") + 5] for n, _, _ in files if n.startswith(".git/") or "/.git/" in n}, key=len)
    if not prefixes:
        fail("the archive holds no .git folder: zip the folder of your repository itself, with its hidden .git folder in it")
    prefix = prefixes[0]
    total, refs, head = 0, {}, None
    import os

    for name, size, read in files:
        if not name.startswith(prefix):
            continue
        rel = name[len(prefix):]
        if LOOSE.match(rel) or PACK.match(rel):
            total += size
            if total > MAX_BYTES:
                fail("the repository's objects are larger than %d MiB" % (MAX_BYTES // (1024 * 1024)))
            target = os.path.join(git_dir, rel)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as out:
                out.write(read()[: MAX_BYTES])
        elif REF.match(rel) and size <= 200:
            sha = read().decode("ascii", "replace").strip()
            if SHA.match(sha):
                refs[rel] = sha
        elif rel == "packed-refs" and size <= 4 * 1024 * 1024:
            for line in read().decode("utf-8", "replace").splitlines():
                parts = line.strip().split(" ", 1)
                if len(parts) == 2 and SHA.match(parts[0]) and REF.match(parts[1]):
                    refs.setdefault(parts[1], parts[0])  # a loose ref is newer than a packed one
        elif rel == "HEAD" and size <= 200:
            text = read().decode("ascii", "replace").strip()
            if text.startswith("ref: ") and REF.match(text[5:]):
                head = text[5:]
    if not refs:
        fail("the .git folder in the archive has no branch with a commit on it")
    for name, sha in sorted(refs.items()):
        git("update-ref", "--no-deref", name, sha)
    # Every object checked, and every branch and tag complete: a damaged or partial
    # repository is refused here rather than half read by the tests.
    git("fsck", "--no-progress", "--no-dangling", "--strict")
    return head if head in refs else None
