/**
 * The Python side of Run, defined once in the worker's interpreter. Arguments and results
 * cross as JSON strings: one conversion, no proxies to free.
 *
 * Function exercises run the README's doctest sessions the way doctest does: each `>>>`
 * statement compiled in "single" mode (an expression's value is printed as its repr), its
 * printed text compared with the lines the README shows (runs of whitespace alike, as with
 * doctest's NORMALIZE_WHITESPACE), `...` in those lines matching anything, and an expected
 * traceback matched on its exception and message.
 * Not the doctest module itself: it imports unittest and pdb, which added 3.7 s of 15 to
 * Python's first load on a loaded machine (bench/pyodide.mjs). Program exercises run as
 * `__main__` with the example's argv and standard input, and report standard output,
 * standard error and the exit code, as the server's grader does.
 */
export const DRIVER = String.raw`
import contextlib, io, json, re, sys, traceback, types

def _rw_traceback(exc):
    # Start at the learner's file: the driver's own frames mean nothing to them. A syntax
    # error has no frame there (compile raised it), and shows its file, line and caret alone.
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != "solution.py":
        tb = tb.tb_next
    return "".join(traceback.format_exception(type(exc), exc, tb))

def _rw_examples(block):
    """(source, want) pairs of a doctest session, as doctest's parser splits them."""
    lines, examples, i = block.split("\n"), [], 0
    while i < len(lines):
        if not (lines[i].startswith(">>> ") or lines[i] == ">>>"):
            i += 1
            continue
        source = [lines[i][4:]]
        i += 1
        while i < len(lines) and (lines[i].startswith("... ") or lines[i] == "..."):
            source.append(lines[i][4:])
            i += 1
        want = []
        while i < len(lines) and lines[i].strip() and not lines[i].startswith(">>>"):
            want.append(lines[i])
            i += 1
        examples.append(("\n".join(source) + "\n", "".join(line + "\n" for line in want)))
    return examples

def _rw_same(want, got):
    # Whitespace is compared loosely (doctest's NORMALIZE_WHITESPACE): READMEs wrap a long
    # dict over several lines where Python prints it on one.
    want, got = " ".join(want.split()), " ".join(got.split())
    if want == got:
        return True
    if "..." not in want:
        return False
    return re.fullmatch(".*?".join(re.escape(part) for part in want.split("...")), got, re.S) is not None

_RW_TRACEBACK = "Traceback (most recent call last):"

def _rw_exception_wanted(want):
    """The exception lines of an expected traceback: from its first unindented line after the header."""
    lines = want.split("\n")[1:]
    for n, line in enumerate(lines):
        if line and not line[0].isspace():
            return "\n".join(lines[n:])
    return ""

def _rw_example(source, want, globs):
    printed = io.StringIO()
    try:
        code = compile(source, "<example>", "single")
        with contextlib.redirect_stdout(printed):
            exec(code, globs)
    except BaseException as exc:
        raised = "".join(traceback.format_exception_only(type(exc), exc))
        got = printed.getvalue() + _RW_TRACEBACK + "\n  ...\n" + raised
        # The learner's exception is solution.InvalidToken here; the README writes InvalidToken.
        bare = raised[len("solution."):] if raised.startswith("solution.") else raised
        ok = want.startswith(_RW_TRACEBACK) and _rw_same(_rw_exception_wanted(want), bare)
        return got, ok
    got = printed.getvalue()
    return got, _rw_same(want, got)

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
    for block in json.loads(blocks_json):
        # One namespace per session, as doctest gives each docstring: names set by one line
        # are seen by the next.
        globs = dict(module.__dict__)
        for source, want in _rw_examples(block):
            got, ok = _rw_example(source, want, globs)
            # A line that shows nothing and raises nothing (x = f(2)) is setup, not an example.
            if want or not ok:
                examples.append({"source": source, "want": want, "got": got, "ok": ok})
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
