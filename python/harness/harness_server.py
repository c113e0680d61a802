"""The trusted harness, pre-forked (the server's warm path; docs/architecture.md).

One sandboxed process imports the harness once and listens on a unix socket in a folder only
Node and this sandbox see. Each connection Node opens is one grading: the server forks a
child, which takes the connection as its fd 3 and runs harness.run() exactly as
harness_main.py would, then exits. The server itself never reads a byte of a connection, so
no submission's data reaches it; each child is a fresh copy of the same prepared state.

A child runs only trusted code (tests.py and the harness) on the values the solution's own
sandbox sent through Node. What it writes (support files, anything tests.py writes) lives in
a folder of its own, removed when it ends.

Environment (set by Node): RW_SOCKET, the socket's path; RW_MAX_AGE_S, how long a child may
live at most (a waiting one included); RW_CPU_S, each child's own CPU-time limit.

Frames on fd 3. To Node: ready, once listening; exit, for each child that ended: pid, code or
signal, and the tail of what it wrote to stderr. From Node: kill, naming a child's pid (only
a live child of this server is ever signalled).
"""
import _signal
import _socket
import gc
import posix
import resource
import select
import sys
import time

HERE = __file__.rpartition("/")[0] or "."
sys.path.insert(0, HERE)

import harness  # noqa: E402  (the costly imports, done once)
import testing  # noqa: E402
from wire import read_frame, write_frame  # noqa: E402

CONTROL_FD = 3
STDERR_KEPT = 4000
WORK = "/work/runs"


def main():
    env = posix.environ
    socket_path = env[b"RW_SOCKET"].decode()
    max_age = float(env[b"RW_MAX_AGE_S"])
    cpu_s = int(env[b"RW_CPU_S"])

    harness.prepare()
    posix.mkdir(WORK, 0o700)
    not_dumpable()
    # Every object made so far moves to a generation the collector never walks: a child's
    # collections would otherwise write to each of them, and every page written after a
    # fork is copied (on this kind of VM, with a TLB flush each).
    gc.collect()
    gc.freeze()

    wake_r, wake_w = posix.pipe()
    posix.set_blocking(wake_w, False)
    _signal.set_wakeup_fd(wake_w)
    _signal.signal(_signal.SIGCHLD, lambda signum, frame: None)

    try:
        posix.unlink(socket_path)
    except FileNotFoundError:
        pass
    listener = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    listener.bind(socket_path)
    listener.listen(128)
    write_frame(CONTROL_FD, {"t": "ready"})

    children = {}  # pid -> (started, folder)
    while True:
        try:
            readable = select.select([listener, CONTROL_FD, wake_r], [], [], 1.0)[0]
        except InterruptedError:
            readable = []
        if wake_r in readable:
            posix.read(wake_r, 4096)
        reap(children)
        # Every frame Node has sent, before a connection is accepted: tests sent to be compiled
        # ahead come before the connection of the child that should find them compiled.
        control_ready = CONTROL_FD in readable
        while control_ready:
            frame = read_frame(CONTROL_FD)
            if frame is None:
                # Node is gone: so is every grading.
                for pid in children:
                    kill(pid)
                posix._exit(0)
            if type(frame) is dict and frame.get("t") == "kill" and frame.get("pid") in children:
                kill(frame["pid"])
            elif type(frame) is dict and frame.get("t") == "compile" and type(frame.get("source")) is str:
                compile_ahead(frame["source"])
            control_ready = bool(select.select([CONTROL_FD], [], [], 0)[0])
        now = time.monotonic()
        for pid, (started, _folder) in list(children.items()):
            if now - started > max_age:
                kill(pid)
        if listener in readable:
            try:
                conn, _address = listener._accept()
            except OSError:
                continue
            pid = posix.fork()
            if pid == 0:
                listener.close()
                posix.close(wake_r)
                posix.close(wake_w)
                child(conn, cpu_s)
            posix.close(conn)
            children[pid] = (now, "%s/%d" % (WORK, pid))


def compile_ahead(source):
    """tests.py compiled here, for the children forked after this (testing._COMPILED). A file
    that does not compile is left to the child, which reports the error as its grading's."""
    try:
        testing.remember_compiled(source)
    except Exception:
        return
    # What was made is frozen too: a child's collections would write to it, and copy its pages.
    gc.freeze()


def not_dumpable():
    """The children of gradings that run at the same time share a uid, and a process may read
    the memory and environment of another with its uid through /proc. A process that is not
    dumpable keeps those files to itself; the flag passes to every child forked after this."""
    import ctypes

    PR_SET_DUMPABLE = 4
    if ctypes.CDLL(None, use_errno=True).prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_DUMPABLE, 0) failed")


def child(conn, cpu_s):
    """One grading, in the forked copy. Never returns."""
    folder = "%s/%d" % (WORK, posix.getpid())
    _signal.set_wakeup_fd(-1)
    _signal.signal(_signal.SIGCHLD, _signal.SIG_DFL)
    code = 1
    try:
        posix.dup2(conn, CONTROL_FD)
        posix.close(conn)
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_s, cpu_s))
        posix.mkdir(folder, 0o700)
        posix.chdir(folder)
        err = posix.open(folder + ".err", posix.O_WRONLY | posix.O_CREAT | posix.O_TRUNC, 0o600)
        posix.dup2(err, 1)
        posix.dup2(err, 2)
        posix.close(err)
        write_frame(CONTROL_FD, {"t": "hello", "pid": posix.getpid()})
        harness.run(folder)
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    except BaseException:
        import traceback

        traceback.print_exc()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        posix._exit(code)


def kill(pid):
    try:
        posix.kill(pid, _signal.SIGKILL)
    except ProcessLookupError:
        pass


def reap(children):
    while True:
        try:
            pid, status = posix.waitpid(-1, posix.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        entry = children.pop(pid, None)
        if entry is None:
            continue
        folder = entry[1]
        frame = {"t": "exit", "pid": pid, "stderr": tail(folder + ".err")}
        if posix.WIFSIGNALED(status):
            frame["signal"] = posix.WTERMSIG(status)
        else:
            frame["code"] = posix.WEXITSTATUS(status)
        remove(folder + ".err")
        remove(folder)
        write_frame(CONTROL_FD, frame)


def tail(path):
    try:
        fd = posix.open(path, posix.O_RDONLY)
    except OSError:
        return ""
    try:
        size = posix.fstat(fd).st_size
        posix.lseek(fd, max(0, size - STDERR_KEPT), 0)
        return posix.read(fd, STDERR_KEPT).decode("utf-8", "replace")
    finally:
        posix.close(fd)


def remove(path):
    """Removes a file or a folder tree; what cannot be removed stays (the sandbox's tmpfs goes with it)."""
    try:
        posix.unlink(path)
        return
    except IsADirectoryError:
        pass
    except OSError:
        return
    try:
        entries = list(posix.scandir(path))
    except OSError:
        return
    for entry in entries:
        remove(path + "/" + entry.name)
    try:
        posix.rmdir(path)
    except OSError:
        pass


main()
