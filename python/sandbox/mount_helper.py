"""Mounts and unmounts the per-run tmpfs for the grader, without a process per mount.

Started once by the grader (as root, never by learner code):

    /usr/bin/python3 -I mount_helper.py RUNS_DIR

and driven over stdin/stdout, one command a line, answered in order:

    ping                          ->  ok
    mount NAME SIZE_BYTES INODES  ->  ok | err MESSAGE
    umount NAME                   ->  ok | err MESSAGE   (unmounts; the grader removes the folder)

NAME must be a run folder name ("<pid>-<hex>") directly inside RUNS_DIR, so this helper
can touch nothing else. Spawning mount(8) and umount(8) costs a process each per run (and
a fork of the grader, when the grader spawns them); a mount(2) call costs microseconds.
It exits when stdin closes.
"""
import ctypes
import errno
import os
import re
import sys

MS_NOSUID = 0x2
MS_NODEV = 0x4
MNT_DETACH = 0x2
NAME = re.compile(r"^[0-9]+-[0-9a-f]+$")

libc = ctypes.CDLL(None, use_errno=True)
libc.mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong, ctypes.c_char_p]
libc.umount2.argtypes = [ctypes.c_char_p, ctypes.c_int]


def fail(call: str) -> str:
    code = ctypes.get_errno()
    return f"err {call}: {os.strerror(code)}"


def mount(path: str, size: int, inodes: int) -> str:
    options = f"size={size},nr_inodes={inodes},mode=0711,uid=0,gid=0".encode()
    if libc.mount(b"roadwork-run", path.encode(), b"tmpfs", MS_NOSUID | MS_NODEV, options) != 0:
        return fail("mount")
    return "ok"


def umount(path: str) -> str:
    if libc.umount2(path.encode(), 0) != 0:
        code = ctypes.get_errno()
        if code == errno.EBUSY:
            # Still busy: detach it now, the kernel frees it when the last user goes.
            if libc.umount2(path.encode(), MNT_DETACH) != 0:
                return fail("umount2")
        elif code != errno.EINVAL:  # EINVAL: not mounted (any more)
            return fail("umount2")
    return "ok"


def handle(runs: str, words: list) -> str:
    if words == ["ping"]:
        return "ok"
    if len(words) < 2 or not NAME.match(words[1]):
        return "err bad command"
    path = os.path.join(runs, words[1])
    if words[0] == "mount" and len(words) == 4:
        return mount(path, int(words[2]), int(words[3]))
    if words[0] == "umount" and len(words) == 2:
        return umount(path)
    return "err bad command"


def main() -> None:
    runs = os.path.realpath(sys.argv[1])
    for line in sys.stdin:
        try:
            answer = handle(runs, line.split())
        except (ValueError, OSError) as error:
            answer = f"err {error}"
        try:
            sys.stdout.write(answer.replace("\n", " ") + "\n")
            sys.stdout.flush()
        except BrokenPipeError:
            # The grader is gone.
            os._exit(0)


if __name__ == "__main__":
    main()
