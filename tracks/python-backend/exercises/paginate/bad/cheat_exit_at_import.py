# Cheat attempt: end the process with exit code 0 as soon as the solution is imported,
# before any test can fail. In one process with pytest this reads as "all passed"; the
# grader runs the tests in its own process and counts a solution that dies as failing.
# expect: crash
import os

os._exit(0)


def paginate(items, page, per_page=10):
    return {}
