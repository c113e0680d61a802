"""Runs the learner's test file with pytest against ONE version of the code under test (a
`tests` exercise), in the sandbox, and sends one frame on fd 3:

    {"exit": pytest's exit code, "collected": n, "tests": [{"name", "outcome", "message"?}],
     "errors": [{"name", "message"}]}

outcome is "passed", "failed", "error" (setup or teardown failed) or "skipped". The
arguments are what pytest collects, relative to /work: for a tests exercise the learner's
test file, /work holding only it and the version, under the module's real name; for a
project stage, test files or folders of the learner's app, /work holding the app with one
file replaced by a mutant. The other versions are never in this sandbox, so nothing here
can tell which one it runs against except by what the code does.

The learner's tests run in this process and could write a frame of their own; that gains
nothing, since they see the same files whichever version runs.
"""
import os
import sys

sys.path.insert(0, "/harness")
from wire import write_frame  # noqa: E402

# Started with -S (half the start-up): Debian's pytest lives in dist-packages.
sys.path.append("/usr/lib/python3/dist-packages")
# Only pytest's own plugins: scanning every installed package for entry points costs time
# and would load code the exercise never asked for.
os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"

import pytest  # noqa: E402

MESSAGE_CAP = 2000
CHANNEL = 3


def _text(report):
    try:
        text = report.longreprtext
    except Exception:  # a report the learner's code broke: say so rather than crash
        text = "(pytest gave no message)"
    text = text or "(pytest gave no message)"
    if len(text) > MESSAGE_CAP:
        text = text[: MESSAGE_CAP] + "\n... (message cut at %d characters)" % MESSAGE_CAP
    return text


class Collector:
    def __init__(self):
        self.collected = 0
        self.tests = {}
        self.order = []
        self.errors = []

    def pytest_collectreport(self, report):
        if report.failed:
            self.errors.append({"name": report.nodeid or "collection", "message": _text(report)})

    def pytest_collection_finish(self, session):
        self.collected = len(session.items)

    def pytest_runtest_logreport(self, report):
        entry = self.tests.get(report.nodeid)
        if entry is None:
            entry = {"name": report.nodeid, "outcome": "passed"}
            self.tests[report.nodeid] = entry
            self.order.append(report.nodeid)
        if report.failed:
            # The first failure of a test is the one that says why.
            if entry["outcome"] not in ("failed", "error"):
                entry["outcome"] = "failed" if report.when == "call" else "error"
                entry["message"] = _text(report)
        elif report.skipped and entry["outcome"] == "passed":
            entry["outcome"] = "skipped"
            entry["message"] = _text(report)


def main():
    collector = Collector()
    targets = ["/work/" + target for target in sys.argv[1:]]
    # The app's own packages import from /work, wherever its tests sit (tests/ has no
    # __init__.py, so pytest would put only tests/ on the path).
    sys.path.insert(0, "/work")
    args = [
        "-q",
        "--tb=short",
        # Plugins a grading never uses, left unloaded: each costs import time in every run.
        # Kept: fixtures such as tmp_path, tmpdir, monkeypatch, capsys and caplog.
        "-p", "no:cacheprovider",
        "-p", "no:pastebin",
        "-p", "no:junitxml",
        "-p", "no:doctest",
        "-p", "no:nose",
        "-p", "no:stepwise",
        "-p", "no:setuponly",
        "-p", "no:setupplan",
        "-p", "no:debugging",
        "-c", "/dev/null",
        "--rootdir=/work",
        *targets,
    ]
    try:
        code = int(pytest.main(args, plugins=[collector]))
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    tests = [collector.tests[name] for name in collector.order]
    write_frame(CHANNEL, {"exit": code, "collected": collector.collected, "tests": tests, "errors": collector.errors})
    sys.stdout.flush()
    os._exit(0)


main()
