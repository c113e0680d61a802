"""Length-prefixed JSON frames on a file descriptor: 4 bytes big-endian length, then UTF-8 JSON.

Uses the C accelerator `_json` directly: the `json` package imports `re`, which costs
about 5 ms at start-up, and every grading starts two interpreters. For the same reason the
descriptors are read and written with `posix` (built in, loaded with the interpreter), not
`os`, whose import (stat, posixpath, _collections_abc) cost each interpreter 2-4 ms of CPU.
"""
import _json
import posix

MAX_FRAME = 64 * 1024 * 1024


class _ScanContext:
    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    memo = {}

    @staticmethod
    def parse_constant(name):
        # NaN and Infinity are not JSON; floats travel as strings.
        raise ValueError("constant " + name + " is not allowed")


_scan = _json.make_scanner(_ScanContext())
_encode = _json.make_encoder(None, None, _json.encode_basestring_ascii, None, ":", ",", False, False, False)


class ProtocolError(Exception):
    """A frame that is not what the protocol allows."""


def dumps(value):
    return "".join(_encode(value, 0))


def loads(text):
    try:
        value, end = _scan(text, 0)
    except (StopIteration, ValueError, RecursionError) as error:
        raise ProtocolError("not valid JSON") from error
    finally:
        _ScanContext.memo.clear()
    if end != len(text):
        raise ProtocolError("trailing data after JSON")
    return value


CONTROL = 0x80000000


def write_frame(fd, value):
    write_raw(fd, dumps(value))


def write_raw(fd, text, control=False):
    data = text.encode("ascii")
    data = (len(data) | (CONTROL if control else 0)).to_bytes(4, "big") + data
    view = memoryview(data)
    while view:
        written = posix.write(fd, view)
        view = view[written:]


def _read_exact(fd, size):
    chunks = []
    while size > 0:
        chunk = posix.read(fd, min(size, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def read_frame(fd, limit=MAX_FRAME):
    """Returns the decoded frame, or None at end of stream."""
    frame = read_frame_marked(fd, limit)
    return None if frame is None else frame[1]


def read_frame_marked(fd, limit=MAX_FRAME):
    """Returns (is_control, frame), or None at end of stream. Node marks its own frames with
    the top bit of the length, so nothing relayed from the solution can pass for one."""
    head = _read_exact(fd, 4)
    if head is None:
        return None
    size = int.from_bytes(head, "big")
    control = bool(size & CONTROL)
    size &= ~CONTROL
    if size > limit:
        raise ProtocolError("frame of %d bytes is larger than %d" % (size, limit))
    body = _read_exact(fd, size)
    if body is None:
        return None
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ProtocolError("frame is not UTF-8") from error
    return control, loads(text)
