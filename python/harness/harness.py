"""The trusted test harness (tamper-proof mode). Runs tests.py in its own process, which
never loads the learner's code: `solution` here is a module of proxies, and every call
crosses to the sandboxed solution process through Node. Reports one result per test to
Node, which decides the verdict.

Imported by harness_main.py (one run per process) and harness_server.py (a run per forked
child). Frames to Node (fd 3): collected, collect_error, loaded?, req (relayed), begin, result,
load_failed, abandon, done. Frames from Node carry a control mark; relayed replies from the
solution do not (see wire.py)."""
import posix  # not os: see wire.py
import sys

HERE = __file__.rpartition("/")[0] or "."
sys.path.insert(0, HERE)
sys.set_int_max_str_digits(0)

import remote  # noqa: E402
import testing  # noqa: E402


def describe_load_error(info):
    try:
        error = remote.rebuild_error(info)
    except Exception:
        return "solution.py could not be loaded"
    name = type(error).__name__
    text = getattr(error, "_rw_message", "")
    if name == "SystemExit":
        return (
            "your code called sys.exit(%s) while solution.py was being imported, before any test ran: "
            "solution.py must define its functions and not exit while it is imported" % text[:100]
        )
    if hasattr(error, "_rw_line"):
        lines = ["solution.py has a %s on line %s: %s" % (name, error._rw_line, text)]
        if error._rw_text:
            lines.append("    " + error._rw_text.strip())
        return "\n".join(lines)
    lines = ["solution.py raised %s while it was loaded%s" % (name, ": " + text if text else "")]
    if error._rw_traceback:
        lines.append("Traceback (most recent call last, in your code):\n" + error._rw_traceback)
    return "\n".join(lines)


def write_support(files, work):
    """The exercise's support files (data modules, test helpers), written read-only into this
    run's own folder of the harness's /work, which the solution's process never sees, and
    importable from there."""
    if not files:
        return
    for name, text in files.items():
        if "/" in name or name.startswith("."):
            raise RuntimeError("support file %r is not a plain file name" % name)
        path = work + "/" + name
        with open(path, "w", encoding="utf-8") as file:
            file.write(text)
        posix.chmod(path, 0o444)
    # After the harness's own folders (its modules keep their names), before the standard library.
    sys.path.insert(2, work)


def prepare():
    """What every run needs before its tests arrive: done once in a pre-forked server."""
    testing.install_pytest_shim(HERE)
    remote.install_solution_module()


def run(work="/work"):
    """One grading: the tests from Node, the solution's load, one result per test."""
    channel = remote.channel
    start = channel.control()
    timeout_s = max(0.05, float(start.get("timeout_ms", 10000)) / 1000)
    remote.watch_arguments[0] = start.get("unchanged_arguments") is True
    try:
        write_support(start.get("support") or {}, work)
        module, segments = testing.load_tests(start["source"], "tests.py")
        items = testing.collect(module, segments, "tests.py")
        if not items:
            raise RuntimeError("tests.py defines no tests (def test_...)")
    except BaseException as error:
        import traceback

        testing.register_sources()
        text = "".join(traceback.format_exception(type(error), error, error.__traceback__, limit=-3))
        channel.send({"t": "collect_error", "message": text[-3000:]})
        return
    channel.send({"t": "collected", "tests": [{"name": i.name, "test_code": i.code, "task_id": i.task_id} for i in items]})

    channel.send({"t": "loaded?"})
    failure = None
    try:
        reply = channel.reply()
        if "v" not in reply:
            failure = describe_load_error(reply.get("e")) if "e" in reply else "solution.py could not be loaded"
    except remote.SolutionGone as gone:
        failure = str(gone)
    channel.take_output()
    if failure is not None:
        channel.send({"t": "load_failed", "message": failure})
        for item in items:
            channel.send({"t": "result", "name": item.name, "status": "error", "message": failure})
        channel.send({"t": "done"})
        return

    remote.loaded[0] = True
    for item in items:
        channel.send({"t": "begin", "name": item.name})
        if channel.gone is None:
            try:
                remote.resolve_lazy_names(module.__dict__)
            except Exception:
                pass  # the test that uses the name reports the problem
        status, message, output, duration = testing.run_item(
            item, timeout_s, (remote.RemoteError,), channel.take_output, remote.SolutionGone, (remote.ValueTooLarge,)
        )
        changes = remote.take_argument_changes()
        if changes and status in ("pass", "fail"):
            # Told whatever the test did next: in its own process the test would have seen the
            # change, and an assertion on the unchanged copy proves nothing.
            note = "\n".join(changes) + "\nThis exercise asks that a call leaves what it is given as it was: work on a copy, or build a new value."
            status, message = "fail", note if status == "pass" or not message else "%s\n%s" % (note, message)
        result = {"t": "result", "name": item.name, "status": status, "duration_ms": round(duration, 2)}
        if message:
            result["message"] = message[:4000]
        if output:
            result["output"] = output
        channel.send(result)
    channel.send({"t": "done"})


def main():
    prepare()
    run()
