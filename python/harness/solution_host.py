"""The solution host: runs INSIDE the sandbox, in the same process as the learner's code.

Nothing here is trusted. It imports the learner's module `solution` and answers requests
from the trusted harness (relayed by Node over fd 3): get an attribute, call, and a few
operations on objects. Results travel as plain values with exact type checks; any other
object stays here and travels as a handle. The learner's code can rewrite every line of this
file at run time, and that is fine: the harness trusts only the plain values it decodes,
never a verdict, and Node decides the verdict from the harness alone.
"""
import sys

sys.path.insert(0, "/harness")
from wire import ProtocolError, read_frame, write_frame, write_raw, dumps  # noqa: E402

# The learner's code gets a plain sys.path: the harness folder is not on it.
sys.path[:] = [p for p in sys.path if p != "/harness"]

CHANNEL = 3
sys.set_int_max_str_digits(0)
MAX_DEPTH = 100
MAX_NODES = 200_000
REPR_EXCERPT = 200
OUTPUT_KEPT = 2000


class TooLarge(Exception):
    """A value that cannot travel to the harness. `kind` names why for the harness, which
    words it for the learner itself: "cycle" (a container holds itself), "deep" (nested
    more than MAX_DEPTH levels), "many" (more than MAX_NODES values), "size" (the frame)."""

    def __init__(self, kind, detail):
        Exception.__init__(self, detail)
        self.kind = kind


CONTAINERS = (list, tuple, set, frozenset, dict)


class Tee:
    """Passes the learner's print output through to the real stream and keeps the start of it per request."""

    def __init__(self, stream):
        self._stream = stream
        self.kept = []
        self.size = 0

    def write(self, text):
        if self.size < OUTPUT_KEPT and type(text) is str:
            self.kept.append(text[: OUTPUT_KEPT - self.size])
            self.size += len(self.kept[-1])
        return self._stream.write(text)

    def take(self):
        text = "".join(self.kept)
        self.kept = []
        self.size = 0
        return text

    def __getattr__(self, name):
        return getattr(self._stream, name)


handles = {0: None}
handle_ids = {}



def note_limit(error):
    """Says "Too many open files" on stderr when the learner's code ran out of descriptors:
    the exception itself travels to the harness, and the sandbox reads stderr to name the
    open-files limit for the learner."""
    if isinstance(error, OSError) and error.errno == 24:
        try:
            sys.__stderr__.write("Too many open files (EMFILE): the open-files limit was reached\n")
            sys.__stderr__.flush()
        except BaseException:
            pass


def handle_for(obj):
    key = id(obj)
    found = handle_ids.get(key)
    if found is not None and handles[found] is obj:
        return found
    new_id = len(handles)
    handles[new_id] = obj
    handle_ids[key] = new_id
    return new_id


def excerpt(obj):
    try:
        text = repr(obj)
        if type(text) is not str:
            text = "<unprintable>"
    except BaseException:
        text = "<%s object>" % type(obj).__name__
    if len(text) > REPR_EXCERPT:
        text = text[: REPR_EXCERPT - 3] + "..."
    return text


def encode(value, depth=0, budget=None, path=None):
    if budget is None:
        budget, path = [MAX_NODES], set()
    budget[0] -= 1
    if budget[0] < 0:
        raise TooLarge("many", "more than %d values" % MAX_NODES)
    if depth > MAX_DEPTH:
        raise TooLarge("deep", "nested more than %d levels deep" % MAX_DEPTH)
    kind = type(value)
    if value is None or kind is bool or kind is str:
        return value
    if kind is int:
        return {"i": str(value)}
    if kind is float:
        return {"f": repr(value)}
    if kind in CONTAINERS:
        # A container on the way down to itself (a = []; a.append(a)) would be encoded
        # forever; named here, before the depth limit could misname it.
        if id(value) in path:
            raise TooLarge("cycle", "a %s that contains itself" % kind.__name__)
        path.add(id(value))
        try:
            if kind is dict:
                return {"d": [[encode(k, depth + 1, budget, path), encode(v, depth + 1, budget, path)] for k, v in value.items()]}
            tag = {list: "l", tuple: "t", set: "s", frozenset: "fs"}[kind]
            return {tag: [encode(item, depth + 1, budget, path) for item in value]}
        finally:
            path.discard(id(value))
    if kind is bytes:
        return {"b": value.hex()}
    if kind is complex:
        return {"c": [repr(value.real), repr(value.imag)]}
    return {"h": handle_for(value), "n": type(value).__qualname__ if type(type(value).__qualname__) is str else "object", "r": excerpt(value)}


def decode(value):
    """Arguments from the harness: plain values and handles of objects that live here."""
    if value is None or type(value) in (bool, str):
        return value
    if type(value) is dict and len(value) == 1:
        ((tag, inner),) = value.items()
        if tag == "i":
            return int(inner)
        if tag == "f":
            return float(inner)
        if tag == "l":
            return [decode(v) for v in inner]
        if tag == "t":
            return tuple(decode(v) for v in inner)
        if tag == "s":
            return {decode(v) for v in inner}
        if tag == "fs":
            return frozenset(decode(v) for v in inner)
        if tag == "d":
            return {decode(k): decode(v) for k, v in inner}
        if tag == "b":
            return bytes.fromhex(inner)
        if tag == "c":
            return complex(float(inner[0]), float(inner[1]))
        if tag == "h":
            return handles[inner]
    raise ProtocolError("cannot decode an argument")


def learner_traceback(error):
    import traceback

    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.startswith("/work/")]
    lines = []
    for frame in frames[-8:]:
        lines.append('  File "%s", line %s, in %s' % (frame.filename.rsplit("/", 1)[-1], frame.lineno, frame.name))
        if frame.line:
            lines.append("    " + frame.line.strip())
    return "\n".join(lines)


def describe_error(error):
    import builtins

    cls = type(error)
    name = cls.__name__ if type(cls.__name__) is str else "Exception"
    try:
        message = str(error)
    except BaseException:
        message = ""
    if type(message) is not str:
        message = ""
    info = {"type": name, "msg": message[:2000], "builtin": getattr(builtins, name, None) is cls}
    try:
        info["args"] = encode(tuple(error.args))
        if len(dumps(info["args"])) > 10000:
            del info["args"]
    except BaseException:
        pass
    try:
        info["mro"] = [[c.__name__, handle_for(c)] for c in cls.__mro__ if c.__module__ != "builtins"]
    except BaseException:
        pass
    if isinstance(error, SyntaxError):
        info["line"] = error.lineno
        info["text"] = (error.text or "").rstrip()[:200]
    try:
        info["tb"] = learner_traceback(error)[:4000]
    except BaseException:
        pass
    return info


# Arguments the harness asked about ("w" in a call, exercise.yaml's unchanged_arguments):
# what the last call changed, sent with its reply ("m") whatever the call did.
changed_arguments = []
WATCHED = (list, dict, set, tuple)


def snapshot(value):
    """An equal copy of a list, dict, set or tuple that shares no list, dict or set with it."""
    kind = type(value)
    if kind is list or kind is tuple:
        items = [snapshot(item) if type(item) in WATCHED else item for item in value]
        return items if kind is list else tuple(items)
    if kind is dict:
        return {key: snapshot(item) if type(item) in WATCHED else item for key, item in value.items()}
    if kind is set:
        return set(value)
    return value


def call_watched(target, args, kwargs):
    before = [(i, value, snapshot(value)) for i, value in enumerate(args) if type(value) in WATCHED]
    before += [(name, value, snapshot(value)) for name, value in kwargs.items() if type(value) in WATCHED]
    try:
        return target(*args, **kwargs)
    finally:
        for where, value, copy in before:
            try:
                same = value == copy
            except BaseException:
                same = True  # cannot tell (an object's own __eq__ failed): not reported
            if not same:
                changed_arguments.append([callee_name(target), argument_label(target, where, value), excerpt(copy), excerpt(value)])


def callee_name(target):
    name = getattr(target, "__qualname__", None)
    return name if type(name) is str else type(target).__name__


def argument_label(target, where, value):
    kind = {list: "the list", dict: "the dict", set: "the set", tuple: "the tuple"}.get(type(value), "the value")
    if type(where) is str:
        return "%s it was given as %s" % (kind, where)
    try:
        import inspect

        positional = [p.name for p in inspect.signature(target).parameters.values() if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        if where < len(positional):
            return "%s it was given as %s" % (kind, positional[where])
    except BaseException:
        pass
    return "%s it was given (argument %d)" % (kind, where + 1)


def dispatch(request):
    op = request["op"]
    target = handles[request["h"]]
    if op == "get":
        return getattr(target, request["name"])
    if op == "call":
        args = [decode(a) for a in request["a"]]
        kwargs = {k: decode(v) for k, v in request["k"]}
        if request.get("w") == 1:
            return call_watched(target, args, kwargs)
        return target(*args, **kwargs)
    if op == "set":
        setattr(target, request["name"], decode(request["v"]))
        return None
    if op == "repr":
        return str.__str__(repr(target))
    if op == "str":
        return str.__str__(str(target))
    if op == "len":
        return int(len(target))
    if op == "bool":
        return bool(target)
    if op == "iter":
        items = []
        for item in target:
            items.append(item)
            if len(items) > MAX_NODES:
                raise TooLarge("many", "more than %d items" % MAX_NODES)
        return items
    if op == "next":
        return next(target)
    if op == "item":
        return target[decode(request["k"])]
    if op == "setitem":
        target[decode(request["k"])] = decode(request["v"])
        return None
    if op == "contains":
        return decode(request["v"]) in target
    if op == "binop":
        import operator

        fn = getattr(operator, request["name"])
        other = decode(request["v"])
        return fn(other, target) if request.get("reflected") else fn(target, other)
    raise ProtocolError("unknown operation " + str(op))


def main():
    max_frame = 4 * 1024 * 1024
    first = read_frame(CHANNEL)
    if first is None:
        return
    source = first["source"]
    max_frame = int(first.get("max_frame", max_frame))
    # The exercise's support files (data modules the stub imports, for one): this process's
    # own copy, read-only; the tests read theirs in the harness's process.
    for name, text in (first.get("support") or {}).items():
        import os

        if type(name) is str and type(text) is str and "/" not in name and not name.startswith(".") and name != "solution.py":
            with open("/work/" + name, "w", encoding="utf-8") as file:
                file.write(text)
            os.chmod("/work/" + name, 0o444)
    with open("/work/solution.py", "w", encoding="utf-8") as file:
        file.write(source)
    sys.path.insert(0, "/work")
    # -S skips site.py (a few ms at every start); Debian's packages stay importable.
    sys.path.extend(["/usr/local/lib/python3.%d/dist-packages" % sys.version_info[1], "/usr/lib/python3/dist-packages"])
    out, err = Tee(sys.stdout), Tee(sys.stderr)
    sys.stdout, sys.stderr = out, err
    try:
        import solution

        handles[0] = solution
        reply = {"v": None}
    except BaseException as error:
        note_limit(error)
        reply = {"e": describe_error(error)}
    reply["o"] = out.take() + err.take()
    write_frame(CHANNEL, reply)
    while True:
        request = read_frame(CHANNEL)
        if request is None:
            return
        try:
            reply = {"v": encode(dispatch(request))}
        except TooLarge as error:
            reply = {"x": error.kind, "msg": str(error)}
        except BaseException as error:
            note_limit(error)
            reply = {"e": describe_error(error)}
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except BaseException:
            pass
        reply["o"] = out.take() + err.take()
        if changed_arguments:
            reply["m"] = changed_arguments[:]
            del changed_arguments[:]
        text = dumps(reply)
        if len(text) > max_frame - 1000:
            text = dumps({"x": "size", "msg": "larger than %d MiB" % (max_frame // (1024 * 1024)), "o": reply["o"]})
        write_raw(CHANNEL, text)


main()
