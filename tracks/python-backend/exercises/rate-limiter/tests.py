import unittest

import pytest

from solution import RateLimiter


class WithinOneWindow(unittest.TestCase):
    def test_allows_up_to_the_limit_then_refuses(self):
        limiter = RateLimiter(3, 60)
        results = [limiter.allow("ada", now=t) for t in (0, 1, 2, 3, 4)]
        self.assertEqual(results, [True, True, True, False, False])

    def test_remaining_counts_down(self):
        limiter = RateLimiter(2, 60)
        self.assertEqual(limiter.remaining("ada", now=0), 2)
        limiter.allow("ada", now=0)
        self.assertEqual(limiter.remaining("ada", now=1), 1)
        limiter.allow("ada", now=1)
        self.assertEqual(limiter.remaining("ada", now=2), 0)

    def test_each_key_has_its_own_count(self):
        limiter = RateLimiter(1, 60)
        self.assertTrue(limiter.allow("10.0.0.1", now=0))
        self.assertTrue(limiter.allow("10.0.0.2", now=0))
        self.assertFalse(limiter.allow("10.0.0.1", now=1))
        self.assertEqual(limiter.remaining("10.0.0.3", now=1), 1)


class SlidingWindow(unittest.TestCase):
    def test_a_request_expires_exactly_window_seconds_later(self):
        limiter = RateLimiter(1, 10)
        self.assertTrue(limiter.allow("ada", now=0))
        self.assertFalse(limiter.allow("ada", now=9.999))
        self.assertTrue(limiter.allow("ada", now=10))

    def test_the_window_slides_instead_of_resetting(self):
        # Two requests late in one "minute" still count early in the next one.
        limiter = RateLimiter(2, 10)
        self.assertTrue(limiter.allow("ada", now=8))
        self.assertTrue(limiter.allow("ada", now=9))
        self.assertFalse(limiter.allow("ada", now=11))
        self.assertTrue(limiter.allow("ada", now=18))

    def test_refused_requests_do_not_count(self):
        limiter = RateLimiter(1, 10)
        limiter.allow("ada", now=0)
        for t in range(1, 10):
            self.assertFalse(limiter.allow("ada", now=t))
        self.assertTrue(limiter.allow("ada", now=10))

    def test_remaining_grows_back(self):
        limiter = RateLimiter(3, 10)
        for t in (0, 2, 4):
            limiter.allow("ada", now=t)
        self.assertEqual(
            [limiter.remaining("ada", now=t) for t in (5, 10, 12, 14)],
            [0, 1, 2, 3],
        )


@pytest.mark.parametrize("limit, window", [(0, 10), (-1, 10), (5, 0), (5, -1)])
def test_invalid_settings_are_refused(limit, window):
    with pytest.raises(ValueError):
        RateLimiter(limit, window)
