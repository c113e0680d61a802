"""Compatible mode: tests.py and the learner's solution.py in ONE sandboxed process, for tests
that need object identity or in-place mutation. The learner's code can forge anything this
process reports, so Node marks such a verdict as not tamper-proof. Same frames as harness.py."""
import sys

sys.path.insert(0, "/harness")
sys.set_int_max_str_digits(0)

from wire import write_frame  # noqa: E402
import testing  # noqa: E402

OUTPUT_KEPT = 2000


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


def send(frame):
    write_frame(3, frame)


def main():
    testing.install_pytest_shim("/harness")
    with open("/work/tests.py", encoding="utf-8") as file:
        source = file.read()
    timeout_s = float(sys.argv[1]) / 1000 if len(sys.argv) > 1 else 10.0
    sys.path.insert(0, "/work")
    # -S skips site.py (a few ms at every start); Debian's packages stay importable.
    sys.path.extend(["/usr/local/lib/python3.%d/dist-packages" % sys.version_info[1], "/usr/lib/python3/dist-packages"])
    out = Tee(sys.stdout)
    sys.stdout = out
    # Node learns that an end of this process from here to "imported" is the solution's doing
    # (os._exit, a crash, a limit while it is imported), not the exercise's or the machine's.
    send({"t": "importing"})
    try:
        import solution  # noqa: F401
    except BaseException as error:
        load_error = error
    else:
        load_error = None
    send({"t": "imported"})
    try:
        module, segments = testing.load_tests(source, "tests.py")
        items = testing.collect(module, segments, "tests.py")
    except BaseException as error:
        if load_error is None:
            send({"t": "collect_error", "message": "%s: %s" % (type(error).__name__, error)})
            return
        items = []
    if load_error is not None:
        message = "solution.py could not be loaded: %s: %s" % (type(load_error).__name__, load_error)
        send({"t": "collected", "tests": [{"name": i.name, "test_code": i.code, "task_id": i.task_id} for i in items]})
        send({"t": "load_failed", "message": message})
        for item in items:
            send({"t": "result", "name": item.name, "status": "error", "message": message})
        send({"t": "done"})
        return
    send({"t": "collected", "tests": [{"name": i.name, "test_code": i.code, "task_id": i.task_id} for i in items]})
    out.take()
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
