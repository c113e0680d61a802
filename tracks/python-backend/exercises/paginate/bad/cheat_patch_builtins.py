# Cheat attempt: patch builtins and the test machinery of the process the solution runs
# in, so failed assertions look like success. The grader's tests and verdict live in
# another process that this code cannot touch; the wrong paginate below must fail.
import builtins
import sys
import unittest


class _NeverRaised(Exception):
    pass


builtins.AssertionError = _NeverRaised
unittest.TestCase.assertEqual = lambda self, *args, **kwargs: None
unittest.TestCase.assertTrue = lambda self, *args, **kwargs: None

try:  # switch off every pytest test in this process, if pytest is the one running us
    import _pytest.python

    _pytest.python.Function.runtest = lambda self: None
except ImportError:
    pass

_real_exit = sys.exit
sys.exit = lambda code=0: _real_exit(0)


def paginate(items, page, per_page=10):
    return {"items": [], "page": page}
