def readiness(checks, timeout_ms):
    """Sum up component checks into (HTTP status, body) for a readiness endpoint."""
    if all(check["ok"] for check in checks):
        return 200, {"status": "ok", "checks": checks}
    return 503, {"status": "down", "checks": checks}
