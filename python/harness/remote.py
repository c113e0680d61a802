"""Harness side of the solution pipe: the channel to Node, strict decoding of what the
solution sends, and proxies for the objects that stay in the solution process.

Nothing that comes back from the solution is trusted: values are rebuilt here from tagged
JSON into plain Python values of exact types; every other object is a proxy whose equality
is identity only, so no object of the learner's can claim to equal an expected value.
"""
import builtins
import sys

from wire import ProtocolError, read_frame_marked, write_frame

MAX_DEPTH = 120
MAX_INT_DIGITS = 100_000
OUTPUT_KEPT = 2000


class SolutionGone(Exception):
    """The solution process ended, was stopped at a limit, or broke the protocol."""


class RemoteError(Exception):
    """Base of the classes that stand for the learner's own exception classes."""


_synthetic = {}


def exception_class(name, builtin):
    if builtin:
        cls = getattr(builtins, name, None)
        # Only ordinary exceptions are rebuilt as themselves: a SystemExit or KeyboardInterrupt
        # from the learner must not stop the harness.
        if isinstance(cls, type) and issubclass(cls, Exception) and cls is not StopIteration:
            return cls
    cls = _synthetic.get(name)
    if cls is None:
        cls = type(name, (RemoteError,), {"__module__": "solution"})
        _synthetic[name] = cls
    return cls


class Channel:
    """Frames to and from Node on fd 3. Requests are relayed to the solution process."""

    def __init__(self, fd=3):
        self.fd = fd
        self.gone = None
        self.output = []
        self.output_size = 0

    def send(self, frame):
        write_frame(self.fd, frame)

    def take_output(self):
        text = "".join(self.output)
        self.output = []
        self.output_size = 0
        return text

    def _keep_output(self, text):
        if type(text) is str and text and self.output_size < OUTPUT_KEPT:
            text = text[: OUTPUT_KEPT - self.output_size]
            self.output.append(text)
            self.output_size += len(text)

    def control(self):
        """Waits for a frame from Node itself (not relayed)."""
        marked = read_frame_marked(self.fd)
        if marked is None:
            raise SystemExit(3)
        control, frame = marked
        if not control:
            raise ProtocolError("expected a frame from Node")
        return frame

    def fail(self, message, timed_out=False):
        """Gives up on the solution. Node names the time limit only when `timed_out`: a
        solution that broke the protocol reached no limit."""
        if self.gone is None:
            self.gone = message
            frame = {"t": "abandon", "message": message}
            if timed_out:
                frame["limit"] = "wall-time"
            try:
                self.send(frame)
            except OSError:
                pass

    def reply(self):
        """Reads the answer to the last request; raises SolutionGone when there is none."""
        if self.gone is not None:
            raise SolutionGone(self.gone)
        try:
            marked = read_frame_marked(self.fd)
        except ProtocolError as error:
            self.fail("the solution broke the protocol (%s)" % error)
            raise SolutionGone(self.gone) from None
        except BaseException:
            # Interrupted mid-frame (a timeout): the stream can no longer be trusted.
            self.fail("the solution was stopped: it did not answer in time", timed_out=True)
            raise
        if marked is None:
            raise SystemExit(3)
        control, frame = marked
        if control:
            if type(frame) is dict and frame.get("t") == "gone":
                self.gone = str(frame.get("message", "the solution process ended"))
                raise SolutionGone(self.gone)
            raise ProtocolError("unexpected control frame")
        if (
            type(frame) is not dict
            or not set(frame) <= {"v", "e", "x", "msg", "o", "m"}
            or len(set(frame) & {"v", "e", "x"}) != 1
            or ("msg" in frame and "x" not in frame)
        ):
            self.fail("the solution broke the protocol (a reply of the wrong shape)")
            raise SolutionGone(self.gone)
        self._keep_output(frame.get("o"))
        return frame

    def request(self, frame):
        if self.gone is not None:
            raise SolutionGone(self.gone)
        frame["t"] = "req"
        self.send(frame)
        reply = self.reply()
        try:
            if "m" in reply:
                if not (watch_arguments[0] and frame.get("op") == "call"):
                    raise ProtocolError("changed arguments were not asked for")
                _note_changes(reply["m"])
            if "x" in reply:
                raise ValueTooLarge(too_large_message(reply.get("x"), reply.get("msg")))
            if "e" in reply:
                raise rebuild_error(reply["e"])
            return decode(reply["v"])
        except ProtocolError as error:
            self.fail("the solution broke the protocol (%s)" % error)
            raise SolutionGone(self.gone) from None


# exercise.yaml's unchanged_arguments, set by harness.run from the tests frame: each call asks
# the solution whether it changed a list, dict or set it was given (arguments travel as
# copies, so the tests' own objects never change). What it says is only ever a reason to fail
# a test: a solution that keeps quiet gains nothing, since the tests' values stay their own.
watch_arguments = [False]
# What calls of the current test changed, in words; harness.run takes them after each test.
argument_changes = []
CHANGE_SHOWN = 200


def take_argument_changes():
    changes = list(argument_changes)
    del argument_changes[:]
    return changes


def _note_changes(changed):
    if type(changed) is not list or len(changed) > 100:
        raise ProtocolError("a list of changed arguments was expected")
    for entry in changed:
        if type(entry) is not list or len(entry) != 4 or any(type(part) is not str for part in entry):
            raise ProtocolError("a changed argument is four strings")
        callee, label, before, after = (part[:CHANGE_SHOWN] for part in entry)
        if len(argument_changes) < 5:
            text = "%s changed %s: %s became %s" % (callee, label, before, after)
            argument_changes.append(text if text.endswith(".") else text + ".")


class ValueTooLarge(Exception):
    """A value the solution could not send: the test fails, naming why (no limit was hit)."""


# Why a value could not travel, as solution_host.TooLarge names it.
_TOO_LARGE = {
    "cycle": "your code returned a value that refers to itself (%s), which cannot be compared",
    "deep": "your code returned a value %s, which cannot be compared",
    "many": "your code returned a value holding %s, too many to compare",
    "size": "your code returned a value %s, too large to send to the tests",
}


def too_large_message(kind, detail):
    detail = detail[:200] if type(detail) is str else "too large"
    template = _TOO_LARGE.get(kind) if type(kind) is str else None
    return (template or "your code returned a value that cannot be sent to the tests (%s)") % detail


channel = Channel()


def rebuild_error(info):
    if type(info) is not dict or type(info.get("type")) is not str or type(info.get("msg")) is not str:
        raise ProtocolError("bad exception description")
    name = info["type"][:100]
    if not name.isidentifier():
        raise ProtocolError("bad exception name")
    cls = exception_class(name, info.get("builtin") is True)
    args = None
    if "args" in info:
        try:
            args = decode(info["args"])
        except ProtocolError:
            args = None
    if type(args) is not tuple:
        args = (info["msg"],)
    try:
        error = cls(*args)
    except Exception:
        error = cls(info["msg"])
    error._rw_message = info["msg"]
    tb = info.get("tb")
    error._rw_traceback = tb if type(tb) is str else ""
    mro = info.get("mro")
    error._rw_class_ids = set()
    if type(mro) is list:
        for entry in mro:
            if type(entry) is list and len(entry) == 2 and type(entry[1]) is int:
                error._rw_class_ids.add(entry[1])
    if info.get("line") is not None and type(info.get("line")) is int:
        error._rw_line = info["line"]
        error._rw_text = info.get("text") if type(info.get("text")) is str else ""
    return error


_proxies = {}


def proxy_for(handle, type_name, excerpt):
    found = _proxies.get(handle)
    if found is None:
        found = Remote(handle, type_name, excerpt)
        _proxies[handle] = found
    else:
        object.__setattr__(found, "_rw_repr", excerpt)
    return found


def decode(value, depth=0):
    if depth > MAX_DEPTH:
        raise ProtocolError("value nested too deeply")
    kind = type(value)
    if value is None or kind is bool or kind is str:
        return value
    if kind is not dict:
        raise ProtocolError("unexpected %s in a value" % kind.__name__)
    if "h" in value:
        handle, name, excerpt = value.get("h"), value.get("n"), value.get("r")
        if len(value) != 3 or type(handle) is not int or type(name) is not str or type(excerpt) is not str or handle < 0:
            raise ProtocolError("bad handle")
        return proxy_for(handle, name[:100], excerpt[:300])
    if len(value) != 1:
        raise ProtocolError("bad value")
    ((tag, inner),) = value.items()
    try:
        if tag == "i":
            if type(inner) is not str or len(inner) > MAX_INT_DIGITS:
                raise ProtocolError("bad int")
            return int(inner)
        if tag == "f":
            if type(inner) is not str or len(inner) > 40:
                raise ProtocolError("bad float")
            return float(inner)
        if tag == "b":
            if type(inner) is not str:
                raise ProtocolError("bad bytes")
            return bytes.fromhex(inner)
        if tag == "c":
            if type(inner) is not list or len(inner) != 2 or type(inner[0]) is not str or type(inner[1]) is not str:
                raise ProtocolError("bad complex")
            return complex(float(inner[0]), float(inner[1]))
        if type(inner) is not list:
            raise ProtocolError("bad container")
        if tag == "l":
            return [decode(v, depth + 1) for v in inner]
        if tag == "t":
            return tuple(decode(v, depth + 1) for v in inner)
        if tag == "s":
            return {decode(v, depth + 1) for v in inner}
        if tag == "fs":
            return frozenset(decode(v, depth + 1) for v in inner)
        if tag == "d":
            result = {}
            for pair in inner:
                if type(pair) is not list or len(pair) != 2:
                    raise ProtocolError("bad dict item")
                result[decode(pair[0], depth + 1)] = decode(pair[1], depth + 1)
            return result
    except ProtocolError:
        raise
    except (ValueError, TypeError, RecursionError) as error:
        raise ProtocolError("bad value (%s)" % type(error).__name__) from None
    raise ProtocolError("unknown tag")


def encode(value, depth=0):
    """Arguments sent to the solution: plain values of exact types and proxies."""
    if depth > MAX_DEPTH:
        raise ValueError("argument nested too deeply")
    kind = type(value)
    if value is None or kind is bool or kind is str:
        return value
    if kind is int:
        return {"i": str(value)}
    if kind is float:
        return {"f": repr(value)}
    if kind is list or kind is tuple or kind is set or kind is frozenset:
        tag = {list: "l", tuple: "t", set: "s", frozenset: "fs"}[kind]
        return {tag: [encode(v, depth + 1) for v in value]}
    if kind is dict:
        return {"d": [[encode(k, depth + 1), encode(v, depth + 1)] for k, v in value.items()]}
    if kind is bytes:
        return {"b": value.hex()}
    if kind is complex:
        return {"c": [repr(value.real), repr(value.imag)]}
    if kind is Remote:
        return {"h": object.__getattribute__(value, "_rw_id")}
    if kind is LazyName:
        return encode(value._rw_resolve(), depth)
    raise TypeError(
        "a %s cannot be sent to the solution: tamper-proof exercises pass plain values "
        "(numbers, strings, lists, tuples, dicts, sets, bytes, None) and objects the solution "
        "returned; use mode: compatible for anything else" % kind.__name__
    )


def _op(name, reflected=False):
    def method(self, other):
        return channel.request({"op": "binop", "h": self._rw_id, "name": name, "v": encode(other), "reflected": reflected})

    method.__name__ = "__%s__" % name
    return method


class Remote:
    """An object that lives in the solution process. Equality is identity: a learner's object
    never equals a value of the tests, whatever its __eq__ says."""

    __slots__ = ("_rw_id", "_rw_type", "_rw_repr", "__weakref__")

    def __init__(self, handle, type_name, excerpt):
        object.__setattr__(self, "_rw_id", handle)
        object.__setattr__(self, "_rw_type", type_name)
        object.__setattr__(self, "_rw_repr", excerpt)

    def __eq__(self, other):
        return self is other

    def __ne__(self, other):
        return self is not other

    __hash__ = object.__hash__

    def __repr__(self):
        return self._rw_repr

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return channel.request({"op": "get", "h": self._rw_id, "name": name})

    def __setattr__(self, name, value):
        channel.request({"op": "set", "h": self._rw_id, "name": name, "v": encode(value)})

    def __call__(self, *args, **kwargs):
        frame = {"op": "call", "h": self._rw_id, "a": [encode(a) for a in args], "k": [[k, encode(v)] for k, v in kwargs.items()]}
        if watch_arguments[0]:
            frame["w"] = 1
        return channel.request(frame)

    def _rw_exact(self, op, kind, **extra):
        frame = {"op": op, "h": self._rw_id}
        frame.update(extra)
        result = channel.request(frame)
        if type(result) is not kind:
            raise TypeError("%s() of a %s object returned a %s" % (op, self._rw_type, type(result).__name__))
        return result

    def __str__(self):
        return self._rw_exact("str", str)

    def __len__(self):
        return self._rw_exact("len", int)

    def __bool__(self):
        return self._rw_exact("bool", bool)

    def __iter__(self):
        return iter(self._rw_exact("iter", list))

    def __next__(self):
        try:
            return channel.request({"op": "next", "h": self._rw_id})
        except RemoteError as error:
            if type(error).__name__ == "StopIteration":
                raise StopIteration from None
            raise

    def __contains__(self, item):
        return self._rw_exact("contains", bool, v=encode(item))

    def __getitem__(self, key):
        return channel.request({"op": "item", "h": self._rw_id, "k": encode(key)})

    def __setitem__(self, key, value):
        channel.request({"op": "setitem", "h": self._rw_id, "k": encode(key), "v": encode(value)})

    __lt__, __le__, __gt__, __ge__ = _op("lt"), _op("le"), _op("gt"), _op("ge")
    __add__, __sub__, __mul__, __truediv__, __floordiv__, __mod__, __pow__ = (
        _op("add"), _op("sub"), _op("mul"), _op("truediv"), _op("floordiv"), _op("mod"), _op("pow"),
    )
    __radd__, __rsub__, __rmul__, __rtruediv__, __rfloordiv__, __rmod__, __rpow__ = (
        _op("add", True), _op("sub", True), _op("mul", True), _op("truediv", True),
        _op("floordiv", True), _op("mod", True), _op("pow", True),
    )


class Missing:
    """A name tests.py imported from solution that solution.py does not define."""

    def __init__(self, name):
        self._rw_name = name

    def _rw_raise(self, *args, **kwargs):
        raise ImportError("cannot import name %r from solution.py: define it there (check the spelling)" % self._rw_name)

    __call__ = __getattr__ = __iter__ = __len__ = __getitem__ = _rw_raise

    def __repr__(self):
        return "<missing %s>" % self._rw_name


def _delegate(name):
    def method(self, *args, **kwargs):
        return getattr(self._rw_resolve(), name)(*args, **kwargs)

    method.__name__ = name
    return method


class LazyName:
    """`from solution import f` while tests.py is collected, before the solution is loaded.
    After loading the harness replaces these in the tests' globals with the real thing."""

    def __init__(self, name):
        self._rw_name = name
        self._rw_value = self

    def _rw_resolve(self):
        if self._rw_value is self:
            if not loaded[0]:
                raise RuntimeError("tests.py uses solution.%s while it is being loaded; use it inside a test" % self._rw_name)
            try:
                self._rw_value = channel.request({"op": "get", "h": 0, "name": self._rw_name})
            except AttributeError:
                self._rw_value = Missing(self._rw_name)
        return self._rw_value

    def __getattr__(self, name):
        if name.startswith("_rw_"):
            raise AttributeError(name)
        return getattr(self._rw_resolve(), name)

    def __call__(self, *args, **kwargs):
        return self._rw_resolve()(*args, **kwargs)

    def __eq__(self, other):
        return self._rw_resolve() == other

    __hash__ = object.__hash__

    def __repr__(self):
        value = self._rw_resolve() if loaded[0] else None
        return repr(value) if loaded[0] else "<solution.%s>" % self._rw_name

    for _name in ("__iter__", "__len__", "__getitem__", "__contains__", "__bool__", "__str__", "__lt__", "__le__", "__gt__", "__ge__", "__add__", "__sub__", "__mul__"):
        locals()[_name] = _delegate(_name)
    del _name


loaded = [False]


def install_solution_module():
    """Makes `import solution` in tests.py give the remote module."""
    import types

    class SolutionModule(types.ModuleType):
        def __getattr__(self, name):
            if name.startswith("__") and name.endswith("__"):
                raise AttributeError(name)
            if not loaded[0]:
                return LazyName(name)
            return channel.request({"op": "get", "h": 0, "name": name})

    module = SolutionModule("solution")
    module.__file__ = "solution.py"
    sys.modules["solution"] = module
    return module


def resolve_lazy_names(namespace):
    for name, value in list(namespace.items()):
        if type(value) is LazyName:
            namespace[name] = value._rw_resolve()
