/**
 * The Python side of Run, defined once in the worker's interpreter. Arguments and results
 * cross as JSON strings: one conversion, no proxies to free.
 *
 * Function exercises run the README's doctest sessions with Python's own doctest runner, so an
 * example passes in the browser exactly when `python -m doctest` would pass it. Program
 * exercises run as `__main__` with the example's argv and standard input, and report standard
 * output, standard error and the exit code, as the server's grader does.
 */
export const DRIVER = String.raw`
import contextlib, doctest, io, json, sys, traceback, types

def _rw_traceback(exc):
    # Drop the driver's own frame: the learner sees their file only.
    tb = exc.__traceback__.tb_next if exc.__traceback__ is not None else None
    return "".join(traceback.format_exception(type(exc), exc, tb))

class _RwCollect(doctest.DocTestRunner):
    def __init__(self, into):
        super().__init__(verbose=False, optionflags=doctest.ELLIPSIS)
        self.into = into
    def report_start(self, out, test, example):
        pass
    def report_success(self, out, test, example, got):
        if example.want:
            self.into.append({"source": example.source, "want": example.want, "got": got, "ok": True})
    def report_failure(self, out, test, example, got):
        self.into.append({"source": example.source, "want": example.want, "got": got, "ok": False})
    def report_unexpected_exception(self, out, test, example, exc_info):
        got = "".join(traceback.format_exception_only(exc_info[0], exc_info[1]))
        self.into.append({"source": example.source, "want": example.want, "got": "Traceback (most recent call last):\n  ...\n" + got, "ok": False})

def _rw_module(source):
    module = types.ModuleType("solution")
    module.__file__ = "solution.py"
    exec(compile(source, "solution.py", "exec"), module.__dict__)
    sys.modules["solution"] = module
    return module

def _rw_function(source, blocks_json):
    examples = []
    printed = io.StringIO()
    try:
        with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
            module = _rw_module(source)
    except BaseException as exc:
        return json.dumps({"kind": "function", "error": printed.getvalue() + _rw_traceback(exc), "examples": []})
    parser = doctest.DocTestParser()
    for n, block in enumerate(json.loads(blocks_json)):
        test = parser.get_doctest(block, dict(module.__dict__), "example %d" % (n + 1), "README.md", 0)
        _RwCollect(examples).run(test, out=lambda text: None)
    return json.dumps({"kind": "function", "error": None, "examples": examples})

def _rw_program(source, args_json, stdin):
    out, err = io.StringIO(), io.StringIO()
    saved = sys.argv, sys.stdin
    sys.argv = ["solution.py"] + json.loads(args_json)
    sys.stdin = io.StringIO(stdin)
    code = 0
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                exec(compile(source, "solution.py", "exec"), {"__name__": "__main__", "__file__": "solution.py", "__builtins__": __builtins__})
            except SystemExit as exc:
                if exc.code is None:
                    code = 0
                elif isinstance(exc.code, int):
                    code = exc.code
                else:
                    print(exc.code, file=sys.stderr)
                    code = 1
            except BaseException as exc:
                err.write(_rw_traceback(exc))
                code = 1
    finally:
        sys.argv, sys.stdin = saved
    return json.dumps({"stdout": out.getvalue(), "stderr": err.getvalue(), "exitCode": code})
`;
