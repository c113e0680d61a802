"""The harness as one process for one grading (the cold path and the CLI)."""
import posix
import sys

import harness

harness.main()
# Every frame is written unbuffered (wire.py) and the grader waits for this process to end:
# skipping the interpreter's shutdown (module teardown, collection) takes 2 ms off each verdict.
sys.stdout.flush()
sys.stderr.flush()
posix._exit(0)
