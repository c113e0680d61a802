import pytest

from solution import readiness


def chk(name, critical=True, ok=True, ms=10, error=None):
    return {"name": name, "critical": critical, "ok": ok, "ms": ms, "error": error}


def check(checks, timeout_ms, expected):
    got = readiness(checks, timeout_ms)
    assert got == expected, f"readiness({checks!r}, {timeout_ms})\n should be {expected!r}\n got       {got!r}"


def test_all_ok():
    check([chk("postgres"), chk("redis", critical=False)], 300,
          (200, {"status": "ok", "checks": [{"name": "postgres", "status": "ok"}, {"name": "redis", "status": "ok"}]}))


def test_critical_failure_is_down_with_503():
    check([chk("postgres", ok=False, error="password authentication failed"), chk("redis", critical=False)], 300,
          (503, {"status": "down", "checks": [
              {"name": "postgres", "status": "fail", "error": "password authentication failed"},
              {"name": "redis", "status": "ok"}]}))


def test_non_critical_failure_is_degraded_with_200():
    check([chk("postgres"), chk("smtp", critical=False, ok=False, error="timeout on EHLO")], 300,
          (200, {"status": "degraded", "checks": [
              {"name": "postgres", "status": "ok"},
              {"name": "smtp", "status": "fail", "error": "timeout on EHLO"}]}))


def test_down_wins_over_degraded():
    got = readiness([chk("s3", critical=False, ok=False, error="x"), chk("postgres", ok=False, error="y")], 300)
    assert got[0] == 503 and got[1]["status"] == "down", f"got {got!r}"


def test_too_slow_is_a_timeout_even_if_it_answered_ok():
    check([chk("search", ms=301)], 300,
          (503, {"status": "down", "checks": [{"name": "search", "status": "timeout", "error": "no answer within 300 ms"}]}))


def test_exactly_the_timeout_is_still_in_time():
    check([chk("search", ms=300)], 300, (200, {"status": "ok", "checks": [{"name": "search", "status": "ok"}]}))
    check([chk("search", ms=250.5, ok=False, error="503 from upstream")], 250.5,
          (503, {"status": "down", "checks": [{"name": "search", "status": "fail", "error": "503 from upstream"}]}))


def test_slow_non_critical_check_is_degraded():
    check([chk("geoip", critical=False, ok=False, ms=1200, error="refused")], 1000,
          (200, {"status": "degraded", "checks": [{"name": "geoip", "status": "timeout", "error": "no answer within 1000 ms"}]}))


def test_no_checks_is_ready():
    check([], 100, (200, {"status": "ok", "checks": []}))


def test_order_of_checks_is_kept():
    names = ["zeta", "alpha", "mid"]
    got = readiness([chk(n, critical=False) for n in names], 50)
    assert [c["name"] for c in got[1]["checks"]] == names, f"got {got!r}"


def test_duplicate_names_raise_value_error():
    with pytest.raises(ValueError):
        readiness([chk("db"), chk("cache"), chk("db", critical=False)], 100)


@pytest.mark.parametrize("timeout_ms", [0, -5])
def test_timeout_must_be_positive(timeout_ms):
    with pytest.raises(ValueError):
        readiness([chk("db")], timeout_ms)
