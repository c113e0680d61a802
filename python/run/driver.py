"""
The Python side of Run: the browser's worker loads this file into Pyodide
(src/web/run/python-worker.ts), and `roadwork content check` runs it with /usr/bin/python3 in
the sandbox (src/authoring/run-examples.ts), so that a README example the reference does not
reproduce is caught before a learner presses Run. Plain Python, standard library only.
Arguments and results cross as JSON strings: one conversion, no proxies to free.

Function exercises run the README's doctest sessions the way doctest does: each `>>>`
statement compiled in "single" mode (an expression's value is printed as its repr), its
printed text compared with the lines the README shows up to the next `>>>` (runs of
whitespace alike, as with doctest's NORMALIZE_WHITESPACE), `...` in those lines matching anything, and an expected
traceback matched on its exception and message.
Not the doctest module itself: it imports unittest and pdb, which added 3.7 s of 15 to
Python's first load on a loaded machine (bench/pyodide.mjs). Program exercises run as
`__main__` with the example's argv, standard input and files, and report standard output,
standard error and the exit code, as the server's grader does.
"""
import contextlib, io, json, os, re, sys, traceback, types

def _rw_traceback(exc):
    # Start at the learner's file: the driver's own frames mean nothing to them. A syntax
    # error has no frame there (compile raised it), and shows its file, line and caret alone.
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != "solution.py":
        tb = tb.tb_next
    return "".join(traceback.format_exception(type(exc), exc, tb))

def _rw_examples(block):
    """(source, want, line) of each example of a doctest session, as doctest's parser splits them; line counts from 0 in the block."""
    lines, examples, i = block.split("\n"), [], 0
    while i < len(lines):
        if not (lines[i].startswith(">>> ") or lines[i] == ">>>"):
            i += 1
            continue
        first = i
        source = [lines[i][4:]]
        i += 1
        while i < len(lines) and (lines[i].startswith("... ") or lines[i] == "..."):
            source.append(lines[i][4:])
            i += 1
        # Unlike doctest, a blank line does not end the expected output: a README's block
        # holds the session alone, and shows printed text with its blank lines as Python
        # prints it (an e-mail, a changelog), not as <BLANKLINE>, which is read too.
        want = []
        while i < len(lines) and not lines[i].startswith(">>>"):
            want.append("" if lines[i].strip() == "<BLANKLINE>" else lines[i])
            i += 1
        while want and not want[-1].strip():
            want.pop()
        examples.append(("\n".join(source) + "\n", "".join(line + "\n" for line in want), first))
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
        # The learner's exception is solution.InvalidToken here, as Python names it; a README
        # may write either that or InvalidToken, as doctest's IGNORE_EXCEPTION_DETAIL allows.
        bare = raised[len("solution."):] if raised.startswith("solution.") else raised
        wanted = _rw_exception_wanted(want)
        ok = want.startswith(_RW_TRACEBACK) and (_rw_same(wanted, bare) or _rw_same(wanted, raised))
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
    for n, block in enumerate(json.loads(blocks_json)):
        # One namespace per session, as doctest gives each docstring: names set by one line
        # are seen by the next.
        globs = dict(module.__dict__)
        for source, want, line in _rw_examples(block):
            got, ok = _rw_example(source, want, globs)
            # A line that shows nothing and raises nothing (x = f(2)) is setup, not an example.
            if want or not ok:
                examples.append({"source": source, "want": want, "got": got, "ok": ok, "block": n, "line": line})
    return json.dumps({"kind": "function", "error": None, "examples": examples})

def _rw_program(source, args_json, stdin, files_json="{}"):
    # The files the README shows (`$ cat app.log`), in the working folder while the program runs.
    files = json.loads(files_json)
    for name, text in files.items():
        with open(name, "w", encoding="utf-8") as f:
            f.write(text)
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
        for name in files:
            with contextlib.suppress(OSError):
                os.remove(name)
    return json.dumps({"stdout": out.getvalue(), "stderr": err.getvalue(), "exitCode": code})

def _rw_same_output(got, want):
    # The README shows output with trailing spaces trimmed; compare the same way.
    def norm(text):
        return "\n".join(line.rstrip() for line in text.split("\n")).rstrip("\n")
    return norm(got) == norm(want)

def _rw_run(source, examples_json):
    """Runs the code against RunExamples (src/web/run/protocol.ts); returns a RunResult as JSON."""
    examples = json.loads(examples_json)
    if examples["kind"] == "function":
        return _rw_function(source, json.dumps(examples["doctests"]))
    given = examples["examples"]
    # No example in the README: run the program once with nothing, so Run still shows what it does.
    listed = given or [{"command": "python3 solution.py", "args": [], "stdin": "", "files": {}, "output": "", "exitCode": None}]
    runs = []
    for example in listed:
        got = json.loads(_rw_program(source, json.dumps(example["args"]), example["stdin"], json.dumps(example.get("files", {}))))
        wanted_code = example["exitCode"]
        ok = bool(given) and _rw_same_output(got["stdout"] + got["stderr"], example["output"]) and (wanted_code is None or wanted_code == got["exitCode"])
        runs.append({"example": example, **got, "ok": ok})
    return json.dumps({"kind": "program", "runs": runs})

# Pyodide runs this file as __main__ too; there it only defines the functions above.
if __name__ == "__main__" and sys.platform != "emscripten":
    # Under CPython (content check): {"source", "examples"} on standard input, the RunResult on
    # standard output. What the code itself writes to the real standard output (os.write(1))
    # goes to /dev/null, so that it cannot garble the result.
    request = json.load(sys.stdin)
    result = os.fdopen(os.dup(1), "w", encoding="utf-8")
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    result.write(_rw_run(request["source"], json.dumps(request["examples"])))
    result.close()
