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


class Edges(unittest.TestCase):
    def test_a_burst_at_the_same_instant(self):
        limiter = RateLimiter(2, 10)
        self.assertEqual([limiter.allow("ada", now=5) for _ in range(4)], [True, True, False, False])
        self.assertEqual(limiter.remaining("ada", now=5), 0)
        self.assertTrue(limiter.allow("ada", now=15))

    def test_requests_made_together_expire_together(self):
        limiter = RateLimiter(3, 10)
        for t in (0, 0, 5):
            limiter.allow("ada", now=t)
        self.assertEqual([limiter.remaining("ada", now=t) for t in (9.5, 10, 14.5, 15)], [0, 2, 2, 3])

    def test_asking_what_remains_uses_nothing_up(self):
        limiter = RateLimiter(2, 60)
        for t in range(10):
            self.assertEqual(limiter.remaining("ada", now=t), 2)
        self.assertEqual([limiter.allow("ada", now=10), limiter.allow("ada", now=11)], [True, True])

    def test_a_window_of_half_a_second(self):
        limiter = RateLimiter(1, 0.5)
        self.assertTrue(limiter.allow("ada", now=100.25))
        self.assertFalse(limiter.allow("ada", now=100.5))
        self.assertTrue(limiter.allow("ada", now=100.75))

    def test_many_clients(self):
        limiter = RateLimiter(2, 60)
        clients = [f"10.0.{n // 256}.{n % 256}" for n in range(300)]
        first = [limiter.allow(c, now=1) and limiter.allow(c, now=2) for c in clients]
        third = [limiter.allow(c, now=3) for c in clients]
        self.assertEqual((all(first), any(third)), (True, False))


@pytest.mark.parametrize(
    "limit, window",
    [(0, 10), (-1, 10), (5, 0), (5, -1), (True, 10), (2.5, 10), (3.0, 10), ("3", 10), (None, 10),
     (5, True), (5, float("nan")), (5, float("inf")), (5, "10"), (5, None), (5, -0.5)],
    ids=["limit 0", "negative limit", "window 0", "negative window", "limit True", "limit 2.5", "limit 3.0",
         "limit '3'", "limit None", "window True", "window nan", "window inf", "window '10'", "window None",
         "window -0.5"],
)
def test_invalid_settings_are_refused(limit, window):
    with pytest.raises(ValueError):
        RateLimiter(limit, window)
