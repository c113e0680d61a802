"""A learner's app, started in advance: the interpreter is up and the framework imported
before roadwork knows how the app will be started, so a restart costs the app's own start-up
and not `import flask` again (src/grading/project/warm-start.ts starts it).

    /usr/bin/python3 /roadwork-app/app_start.py MODULE...

Imports each MODULE (Debian's framework packages only: this folder is sys.path[0], the app's
is not, so nothing of the learner's runs before the go), then reads one line from stdin,
{"argv": [...], "set": {...}, "unset": [...]}: the command line as it would follow
/usr/bin/python3 (either `-m MODULE ARGS...` or `SCRIPT ARGS...`) and how its environment
differs from the one this process was started with. From then on this process
is the app, as `python3 ARGV...` would have been: same environment, sys.argv, sys.path[0] and
__main__, same pid (signals reach the app). Everything the app prints is its own.
"""

import importlib
import json
import os
import sys


def read_line(fd):
    """One line from `fd`, unbuffered: nothing after it is taken from the app's stdin."""
    data = b""
    while not data.endswith(b"\n"):
        chunk = os.read(fd, 1)
        if not chunk:
            return None
        data += chunk
    return data


def preload(modules):
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception:
            # The app's own start imports it again and says what is wrong, as it would cold.
            pass


def become(go):
    """Applies the go and runs the app in this module's place, as Python runs a __main__.

    Only locals from the moment the module's namespace is emptied: it becomes the app's.
    """
    import builtins
    import importlib.machinery
    import io
    import runpy

    argv = go["argv"]
    # The environment the process was started with, as changed for this start: what the
    # sandbox itself added (PWD) stays, as it would in a cold start.
    for name in go["unset"]:
        os.environ.pop(name, None)
    os.environ.update(go["set"])
    modules, path, flags = sys.modules, sys.path, sys.flags
    namespace = modules["__main__"].__dict__
    if argv[0] == "-m":
        # As `python3 -m MODULE`: the working folder first on sys.path, argv[0] set by runpy.
        if not flags.safe_path:
            path[0] = os.getcwd()
        sys.argv = ["-m", *argv[2:]]
        run_module = runpy._run_module_as_main
        namespace.clear()
        namespace["__builtins__"] = builtins
        run_module(argv[1])
        return
    # As `python3 SCRIPT`: the script's folder first on sys.path, argv as given.
    script = os.path.abspath(argv[0])
    if not flags.safe_path:
        path[0] = os.path.dirname(os.path.realpath(script))
    sys.argv = list(argv)
    with io.open_code(script) as source:
        code = compile(source.read(), script, "exec", dont_inherit=True)
    loader = importlib.machinery.SourceFileLoader("__main__", script)
    namespace.clear()
    namespace.update(__name__="__main__", __doc__=None, __package__=None, __spec__=None, __loader__=loader, __file__=script, __cached__=None, __builtins__=builtins)
    exec(code, namespace)


def main():
    # Locals only from here: running the app's __main__ writes over this module's globals.
    here, system = __file__, sys
    preload(sys.argv[1:])
    line = read_line(0)
    if line is None:
        # Never used: roadwork closed stdin instead of sending a start.
        sys.exit(0)
    default_hook = system.excepthook
    try:
        become(json.loads(line))
    except (SystemExit, KeyboardInterrupt):
        raise
    except BaseException as error:
        # Reported as `python3 ARGV...` would: from the app's first frame, exit code 1.
        trace = error.__traceback__
        while trace is not None and trace.tb_frame.f_code.co_filename in (here, "<frozen runpy>"):
            trace = trace.tb_next
        (system.excepthook or default_hook)(type(error), error.with_traceback(trace), trace)
        raise SystemExit(1) from None


main()
