# Mistake: answers 503 for any failed check, even one the service can live without.
def check_status(check, timeout_ms):
    # Too slow counts first: we stopped waiting, whatever the check said later.
    if check["ms"] > timeout_ms:
        return "timeout"
    return "ok" if check["ok"] else "fail"


def readiness(checks, timeout_ms):
    """Sum up component checks into (HTTP status, body) for a readiness endpoint."""
    if not timeout_ms > 0:
        raise ValueError(f"timeout_ms must be more than 0, got {timeout_ms!r}")
    names = [check["name"] for check in checks]
    if len(set(names)) != len(names):
        raise ValueError(f"two checks have the same name: {names!r}")
    entries = []
    down = degraded = False
    for check in checks:
        status = check_status(check, timeout_ms)
        entry = {"name": check["name"], "status": status}
        if status == "fail":
            entry["error"] = check["error"]
        elif status == "timeout":
            entry["error"] = f"no answer within {timeout_ms} ms"
        entries.append(entry)
        if status != "ok":
            if True:
                down = True
            else:
                degraded = True
    if down:
        return 503, {"status": "down", "checks": entries}
    return 200, {"status": "degraded" if degraded else "ok", "checks": entries}
