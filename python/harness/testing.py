"""Loading, collecting and running the tests of tests.py, pytest style, for the harness and
the compatible-mode runner. Assert statements are rewritten at load so that a failure reads
like pytest's: the expression's source, what came back and what was expected."""
import ast_lite as ast  # the standard module's helpers without its imports
import _signal as signal  # not `signal`: its enums cost the harness 3 ms at start
import sys
import time
import types

REPR_LIMIT = 400
OUTPUT_SHOWN = 500


class TestTimeout(BaseException):
    """A test ran past its time. A BaseException so that `except Exception` in a test cannot swallow it."""


# ---------------------------------------------------------------- assertion rewriting

_OPS = {
    ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=",
    ast.Is: "is", ast.IsNot: "is not", ast.In: "in", ast.NotIn: "not in",
}


def _short(value):
    try:
        text = repr(value)
    except Exception as error:  # a proxy's repr never calls out, but stay safe
        text = "<unprintable %s: %s>" % (type(value).__name__, error)
    if len(text) > REPR_LIMIT:
        text = text[: REPR_LIMIT - 3] + "..."
    return text


def _compare(left, right, op):
    if op == "==":
        return left == right
    if op == "!=":
        return left != right
    if op == "<":
        return left < right
    if op == "<=":
        return left <= right
    if op == ">":
        return left > right
    if op == ">=":
        return left >= right
    if op == "is":
        return left is right
    if op == "is not":
        return left is not right
    if op == "in":
        return left in right
    return left not in right


def _first_difference(got, expected):
    if type(got) in (list, tuple) and type(expected) is type(got):
        for index, (a, b) in enumerate(zip(got, expected)):
            if not (a == b):
                return "first difference at index %d: got %s, expected %s" % (index, _short(a), _short(b))
        if len(got) != len(expected):
            return "got %d items, expected %d" % (len(got), len(expected))
    if type(got).__name__ == "Remote":
        return (
            "got %s object: the tests compare plain values (numbers, strings, lists, dicts, ...), "
            "and an object of your own never equals one" % _a(object.__getattribute__(got, "_rw_type"))
        )
    if type(got) is not type(expected) and not (type(got) in (int, float) and type(expected) in (int, float)):
        if type(expected).__name__ not in ("ApproxBase", "Remote"):
            return "got %s, expected %s" % (_a(type(got).__name__), _a(type(expected).__name__))
    return None


def _a(noun):
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def __rw_compare__(left, right, op, source, got_is_left, message):
    if _compare(left, right, op):
        return
    lines = []
    if message is not None:
        lines.append(str(message()))
    lines.append("assert " + source)
    if op in ("==", "is"):
        got, expected = (left, right) if got_is_left else (right, left)
        lines.append("got " + _short(got))
        lines.append("expected " + _short(expected))
        hint = _first_difference(got, expected)
        if hint:
            lines.append(hint)
    elif op in ("!=", "is not"):
        got = left if got_is_left else right
        lines.append("got " + _short(got) + ", expected something else")
    elif op in ("in", "not in"):
        lines.append("value: " + _short(left))
        lines.append("container: " + _short(right))
    else:
        lines.append("left: " + _short(left))
        lines.append("right: " + _short(right))
    raise AssertionError("\n".join(lines))


def __rw_truth__(value, source, message):
    if value:
        return
    lines = []
    if message is not None:
        lines.append(str(message()))
    lines.append("assert " + source)
    lines.append("got " + _short(value))
    raise AssertionError("\n".join(lines))


def _is_literal(node):
    """A value written out in the test: a constant or a display of them."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return all(_is_literal(e) for e in node.elts)
    if isinstance(node, ast.Dict):
        return all(k is not None and _is_literal(k) for k in node.keys) and all(_is_literal(v) for v in node.values)
    if isinstance(node, ast.UnaryOp):
        return _is_literal(node.operand)
    return False


class AssertRewriter(ast.NodeTransformer):
    def __init__(self, source):
        self.source = source

    def visit_Assert(self, node):
        source = ast.get_source_segment(self.source, node.test) or "..."
        source = " ".join(source.split())
        message = ast.Constant(None)
        if node.msg is not None:
            message = ast.Lambda(
                args=ast.arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=node.msg
            )
        test = node.test
        if isinstance(test, ast.Compare) and len(test.ops) == 1 and type(test.ops[0]) in _OPS:
            right = test.comparators[0]
            # pytest's convention is `assert got == expected`; a literal on the left means the reverse.
            got_is_left = not (_is_literal(test.left) and not _is_literal(right))
            call = ast.Call(
                func=ast.Name("__rw_compare__", ast.Load()),
                args=[test.left, right, ast.Constant(_OPS[type(test.ops[0])]), ast.Constant(source), ast.Constant(got_is_left), message],
                keywords=[],
            )
        else:
            call = ast.Call(func=ast.Name("__rw_truth__", ast.Load()), args=[test, ast.Constant(source), message], keywords=[])
        return ast.copy_location(ast.Expr(call), node)


# ---------------------------------------------------------------- loading and collecting


class Item:
    def __init__(self, name, run, code, task_id, params=None):
        self.name, self.run, self.code, self.task_id, self.params = name, run, code, task_id, params


def _segments(source, tree):
    """Source of every test function and method, decorators included, for test_code."""
    lines = source.splitlines()
    found = {}

    def text(node):
        first = min([node.lineno] + [d.lineno for d in node.decorator_list])
        chunk = lines[first - 1 : node.end_lineno]
        indent = min((len(l) - len(l.lstrip()) for l in chunk if l.strip()), default=0)
        return "\n".join(l[indent:] for l in chunk)

    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found[node.name] = text(node)
        elif isinstance(node, ast.ClassDef):
            for inner in node.body:
                if isinstance(inner, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    found[node.name + "." + inner.name] = text(inner)
    return found


# Sources of loaded tests files, put into linecache only when a traceback is formatted
# (register_sources): importing linecache (and tokenize) costs every grading 2 ms otherwise.
_SOURCES = {}


def register_sources():
    import linecache

    for filename, source in _SOURCES.items():
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)


# Tests files compiled ahead of time by the pre-forked server (harness_server.py), which
# every child it forks afterwards inherits: source -> (code, segments). Compiling in the
# child costs a grading more than the compile itself: each page the parser and the rewriter
# touch is copied from the server after the fork. Node sends each source once and keeps the
# same count in the same order (harness-server.ts, COMPILED_KEPT).
_COMPILED = {}
COMPILED_KEPT = 128


def compile_tests(source, filename="tests.py"):
    """tests.py as a code object with its asserts rewritten, and the source of each test."""
    tree = ast.parse(source, filename)
    segments = _segments(source, tree)
    tree = ast.fix_missing_locations(AssertRewriter(source).visit(tree))
    return compile(tree, filename, "exec"), segments


def remember_compiled(source):
    """Compiles tests.py for the children forked from now on; the first sent goes beyond
    COMPILED_KEPT. Only compiles: the tests run in a child, never here."""
    if source in _COMPILED:
        return
    _COMPILED[source] = compile_tests(source)
    while len(_COMPILED) > COMPILED_KEPT:
        del _COMPILED[next(iter(_COMPILED))]


def load_tests(source, filename="tests.py"):
    compiled = _COMPILED.get(source) if filename == "tests.py" else None
    code, segments = compiled if compiled is not None else compile_tests(source, filename)
    _SOURCES[filename] = source
    module = types.ModuleType("tests")
    module.__file__ = filename
    module.__dict__["__rw_compare__"] = __rw_compare__
    module.__dict__["__rw_truth__"] = __rw_truth__
    sys.modules["tests"] = module
    exec(code, module.__dict__)
    return module, segments


def _marks(fn):
    return list(getattr(fn, "pytestmark", []) or [])


def _case_id(value, argname, index):
    if value is None or type(value) in (bool, int, float):
        return str(value)
    if type(value) is str:
        return value.encode("ascii", "backslashreplace").decode("ascii")
    return "%s%d" % (argname, index)


def _parametrize(fn):
    """[(suffix, kwargs, marks)] for a function, pytest's order: the decorator nearest the
    function varies slowest."""
    cases = [("", {})]
    for mark in _marks(fn):
        if mark.name != "parametrize":
            continue
        argnames, argvalues = mark.args[0], mark.args[1]
        if isinstance(argnames, str):
            argnames = [n.strip() for n in argnames.split(",") if n.strip()]
        ids = mark.kwargs.get("ids")
        expanded = []
        for index, value in enumerate(argvalues):
            explicit = None
            if type(value).__name__ == "ParameterSet":
                explicit, values = value.id, tuple(value.values)
            else:
                values = tuple(value) if len(argnames) > 1 else (value,)
            if explicit is None and ids is not None and not callable(ids):
                explicit = ids[index]
            case_id = explicit if explicit is not None else "-".join(_case_id(v, n, index) for v, n in zip(values, argnames))
            expanded.append((case_id, dict(zip(argnames, values))))
        cases = [
            ((prefix + "-" + case_id) if prefix else case_id, dict(kwargs, **more))
            for prefix, kwargs in cases
            for case_id, more in expanded
        ]
    return cases


def _task_id(fn):
    for mark in _marks(fn):
        if mark.name == "task":
            value = mark.kwargs.get("taskno", mark.args[0] if mark.args else None)
            if type(value) is int:
                return value
    return None


def _skip_reason(fn, owner=None):
    """Why a test is skipped before it runs (@pytest.mark.skip, a true @pytest.mark.skipif,
    @unittest.skip on the method or its class), or None. Reported as "skip" by name, as
    pytest reports them, never dropped."""
    for mark in _marks(fn):
        if mark.name == "skip":
            return str(mark.kwargs.get("reason", mark.args[0] if mark.args else "")) or "skipped"
        if mark.name == "skipif" and mark.args and mark.args[0]:
            return str(mark.kwargs.get("reason", "")) or "skipped"
    for target in (fn, owner):
        if target is not None and getattr(target, "__unittest_skip__", False) is True:
            return str(getattr(target, "__unittest_skip_why__", "")) or "skipped"
    return None


def _skipped_run(reason):
    def run():
        raise SkipThis(reason)

    return run


class SkipThis(Exception):
    """Raised in place of a test that is skipped before it runs."""


def skip_reason_of(error):
    """The reason when `error` is the test skipping itself (unittest.SkipTest, pytest.skip(),
    a skip mark), else None. An exception that came from the solution (it carries the
    solution's traceback) is never a skip: the learner's code cannot skip a test."""
    if hasattr(error, "_rw_traceback") or hasattr(error, "_rw_class_ids"):
        return None
    if type(error) is SkipThis:
        return str(error)
    if type(error).__name__ == "Skipped" and type(error).__module__ == "pytest":
        return str(error) or "skipped"
    unittest = sys.modules.get("unittest")
    if unittest is not None and isinstance(error, unittest.SkipTest):
        return str(error) or "skipped"
    return None


def _with_fixtures(fn, kwargs, namespace):
    """Calls fn with its parametrize arguments plus module-level @pytest.fixture functions for
    the other parameters (a generator fixture is finished after the test)."""

    def run():
        finishers = []
        arguments = dict(kwargs)
        try:
            for name in _parameters(fn):
                if name in arguments:
                    continue
                fixture = namespace.get(name)
                if not getattr(fixture, "_rw_fixture", False):
                    raise TypeError("the test needs %r, which is not a fixture of tests.py" % name)
                value = fixture()
                if isinstance(value, types.GeneratorType):
                    finishers.append(value)
                    value = next(value)
                arguments[name] = value
            return fn(**arguments)
        finally:
            for generator in reversed(finishers):
                for _ in generator:
                    pass

    return run


def _parameters(fn):
    """The parameter names of a test. A plain function without parameters (most tests) is
    answered without importing inspect, which costs every grading 5 ms."""
    code = getattr(fn, "__code__", None)
    plain = type(fn) is types.FunctionType and not hasattr(fn, "__wrapped__") and not hasattr(fn, "__signature__")
    if plain and code is not None and code.co_argcount + code.co_kwonlyargcount == 0 and not code.co_flags & 0x0C:
        return ()
    import inspect

    return inspect.signature(fn).parameters


def _function_items(name, fn, code, namespace):
    items = []
    for suffix, kwargs in _parametrize(fn):
        full = name + ("[%s]" % suffix if suffix else "")
        items.append(Item(full, _with_fixtures(fn, kwargs, namespace), code, _task_id(fn), kwargs or None))
    return items


def collect(module, segments, filename="tests.py"):
    items = []
    unittest = sys.modules.get("unittest")
    for name, obj in list(module.__dict__.items()):
        if isinstance(obj, types.FunctionType) and name.startswith("test"):
            if obj.__code__.co_filename != filename:
                continue
            reason = _skip_reason(obj)
            if reason is not None:
                items.append(Item(name, _skipped_run(reason), segments.get(name), _task_id(obj)))
                continue
            items.extend(_function_items(name, obj, segments.get(name), module.__dict__))
        elif isinstance(obj, type) and getattr(obj, "__module__", None) == "tests":
            is_case = unittest is not None and issubclass(obj, unittest.TestCase)
            if not is_case and not name.startswith("Test"):
                continue
            methods = {}
            for cls in reversed(obj.__mro__):
                if getattr(cls, "__module__", None) == "tests":
                    for attr, value in cls.__dict__.items():
                        if attr.startswith("test") and isinstance(value, types.FunctionType):
                            methods[attr] = (cls, value)
            runnable = [attr for attr, (owner, fn) in methods.items() if _skip_reason(fn, obj) is None]
            for attr, (owner, fn) in methods.items():
                code = segments.get(owner.__name__ + "." + attr)
                label = name + "." + attr
                reason = _skip_reason(fn, obj)
                if reason is not None:
                    items.append(Item(label, _skipped_run(reason), code, _task_id(fn)))
                    continue
                if is_case:
                    items.append(Item(label, _unittest_runner(obj, attr, attr == runnable[-1]), code, _task_id(fn)))
                else:
                    for suffix, kwargs in _parametrize(fn):
                        run = (lambda obj=obj, attr=attr, kwargs=kwargs: getattr(obj(), attr)(**kwargs))
                        items.append(Item(label + ("[%s]" % suffix if suffix else ""), run, code, _task_id(fn), kwargs or None))
    return items


def _unittest_runner(cls, attr, last):
    def run():
        if not getattr(cls, "_rw_class_set_up", False):
            cls._rw_class_set_up = True
            cls.setUpClass()
        case = cls(attr)
        try:
            case.setUp()
            try:
                getattr(case, attr)()
            finally:
                case.tearDown()
                for function, args, kwargs in reversed(getattr(case, "_cleanups", [])):
                    function(*args, **kwargs)
        finally:
            if last:
                cls.tearDownClass()

    return run


# ---------------------------------------------------------------- running


def _on_alarm(signum, frame):
    raise TestTimeout()


def _format_error(error, remote_types):
    name = type(error).__name__
    text = str(error)
    head = "%s: %s" % (name, text) if text else name
    traceback = getattr(error, "_rw_traceback", "")
    if isinstance(error, remote_types) or hasattr(error, "_rw_traceback"):
        lines = ["The solution raised " + head]
        if traceback:
            lines.append("Traceback (most recent call last, in your code):\n" + traceback)
        return "\n".join(lines)
    return head


def run_item(item, timeout_s, remote_types, take_output, gone_type, plain_fail_types=()):
    """Returns (status, message, output, duration_ms)."""
    signal.signal(signal.SIGALRM, _on_alarm)
    started = time.perf_counter()
    status, message = "pass", None
    try:
        signal.setitimer(signal.ITIMER_REAL, timeout_s)
        try:
            item.run()
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except TestTimeout:
        status, message = "error", "the test did not finish within %s s" % _seconds(timeout_s)
    except AssertionError as error:
        status = "fail"
        message = str(error) or "assertion failed"
        if getattr(error, "_rw_traceback", None) is not None:
            message = _format_error(error, remote_types)
    except gone_type as error:
        status, message = "error", str(error)
    except plain_fail_types as error:
        status, message = "fail", str(error)
    except BaseException as error:
        reason = skip_reason_of(error)
        if reason is not None:
            status, message = "skip", "skipped: %s" % reason
        else:
            status = "fail" if isinstance(error, remote_types) or getattr(error, "_rw_traceback", None) is not None else "error"
            message = _format_error(error, remote_types)
    duration = (time.perf_counter() - started) * 1000
    if message and item.params:
        message = "with %s\n%s" % (", ".join("%s=%s" % (k, _short(v)) for k, v in item.params.items()), message)
    output = take_output()
    if len(output) > OUTPUT_SHOWN:
        output = output[:OUTPUT_SHOWN] + "\n... (output cut at %d characters)" % OUTPUT_SHOWN
    return status, message, output, duration


def _seconds(value):
    return ("%.1f" % value).rstrip("0").rstrip(".")


def install_pytest_shim(harness_dir):
    shim = harness_dir + "/shim"
    if shim not in sys.path:
        sys.path.insert(0, shim)
    import pytest  # noqa: F401  (the shim)
