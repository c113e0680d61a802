"""A small stand-in for pytest inside the grading harness: the parts tests.py files use
(raises, approx, mark.parametrize, mark.task, skip, param, fail). The real pytest takes
about 150 ms to import; this takes none."""
import math

__all__ = ["raises", "approx", "mark", "param", "skip", "fail", "Skipped"]


class Skipped(BaseException):
    """pytest.skip(): ends the test without a verdict on the solution."""


class Failed(AssertionError):
    pass


def skip(reason=""):
    raise Skipped(reason)


def fail(reason="", pytrace=True):
    raise Failed(reason)


class ParameterSet:
    def __init__(self, values, id=None, marks=()):
        self.values = values
        self.id = id
        self.marks = marks


def param(*values, id=None, marks=()):
    return ParameterSet(values, id, marks)


class Mark:
    def __init__(self, name, args, kwargs):
        self.name, self.args, self.kwargs = name, args, kwargs

    def __call__(self, target):
        marks = getattr(target, "pytestmark", None)
        if marks is None or "pytestmark" not in getattr(target, "__dict__", {}):
            marks = []
            target.pytestmark = marks
        marks.append(self)
        return target


class _MarkFactory:
    def __init__(self, name):
        self._name = name

    def __call__(self, *args, **kwargs):
        # @pytest.mark.skip used bare on a function
        if len(args) == 1 and not kwargs and callable(args[0]) and self._name not in ("parametrize",):
            return Mark(self._name, (), {})(args[0])
        return Mark(self._name, args, kwargs)


class _MarkGenerator:
    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return _MarkFactory(name)


mark = _MarkGenerator()


def fixture(*args, **kwargs):
    def decorate(fn):
        fn._rw_fixture = True
        return fn

    if len(args) == 1 and callable(args[0]) and not kwargs:
        return decorate(args[0])
    return decorate


class ExceptionInfo:
    def __init__(self):
        self.value = None
        self.type = None
        self.tb = None

    def match(self, pattern):
        import re

        text = str(self.value)
        if not re.search(pattern, text):
            raise AssertionError("Regex pattern did not match.\n Regex: %r\n Input: %r" % (pattern, text))
        return True

    def __repr__(self):
        return "<ExceptionInfo %r>" % (self.value,)


def _expected_name(expected):
    if isinstance(expected, tuple):
        return " or ".join(_expected_name(e) for e in expected)
    if type(expected).__name__ == "Remote":
        # a class of the solution: its repr is "<class 'solution.Name'>"
        text = repr(expected)
        return text.rsplit(".", 1)[-1].rstrip("'>") if text.startswith("<class ") else text
    name = getattr(expected, "__name__", None)
    return name if isinstance(name, str) else repr(expected)


def _matches(error, expected):
    if isinstance(expected, tuple):
        return any(_matches(error, e) for e in expected)
    if isinstance(expected, type):
        return isinstance(error, expected)
    # A class from the solution (a proxy): match by the classes the error was an instance of.
    handle = getattr(type(expected), "__slots__", None) and object.__getattribute__(expected, "_rw_id")
    return handle is not None and handle in getattr(error, "_rw_class_ids", ())


class RaisesContext:
    def __init__(self, expected, match):
        self.expected = expected
        self.match_expr = match
        self.excinfo = ExceptionInfo()

    def __enter__(self):
        return self.excinfo

    def __exit__(self, kind, value, tb):
        if kind is None:
            raise Failed("DID NOT RAISE %s" % _expected_name(self.expected))
        if not issubclass(kind, Exception) or not _matches(value, self.expected):
            return False
        self.excinfo.value, self.excinfo.type, self.excinfo.tb = value, kind, tb
        if self.match_expr is not None:
            self.excinfo.match(self.match_expr)
        return True


def raises(expected, *args, match=None, **kwargs):
    context = RaisesContext(expected, match)
    if not args:
        return context
    with context:
        args[0](*args[1:], **kwargs)
    return context.excinfo


def _is_number(value):
    return type(value) in (int, float) or type(value) is complex


class ApproxBase:
    def __init__(self, expected, rel=None, abs=None, nan_ok=False):
        self.expected, self.rel, self.abs, self.nan_ok = expected, rel, abs, nan_ok

    def _close(self, actual, expected):
        if not _is_number(actual) or not _is_number(expected):
            return actual == expected and type(actual) is type(expected)
        if type(actual) is bool:
            return False
        if actual == expected:
            return True
        if isinstance(expected, float) and math.isnan(expected):
            return self.nan_ok and isinstance(actual, float) and math.isnan(actual)
        if isinstance(expected, float) and math.isinf(expected):
            return False
        if self.rel is None and self.abs is not None:
            tolerance = self.abs
        else:
            relative = (1e-6 if self.rel is None else self.rel) * builtins_abs(expected)
            tolerance = max(relative, 1e-12 if self.abs is None else self.abs)
        return builtins_abs(actual - expected) <= tolerance

    def __eq__(self, actual):
        expected = self.expected
        if type(expected) in (list, tuple):
            return type(actual) in (list, tuple) and len(actual) == len(expected) and all(
                ApproxBase(e, self.rel, self.abs, self.nan_ok) == a for e, a in zip(expected, actual)
            )
        if type(expected) is dict:
            return type(actual) is dict and actual.keys() == expected.keys() and all(
                ApproxBase(expected[k], self.rel, self.abs, self.nan_ok) == actual[k] for k in expected
            )
        return self._close(actual, expected)

    def __ne__(self, actual):
        return not self == actual

    __hash__ = None

    def __repr__(self):
        return "approx(%r)" % (self.expected,)


builtins_abs = abs


def approx(expected, rel=None, abs=None, nan_ok=False):
    return ApproxBase(expected, rel, abs, nan_ok)
