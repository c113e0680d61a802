TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off"}
LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


def whole_number(text, low, high):
    if text.isascii() and text.isdigit() and low <= int(text) <= high:
        return int(text)
    raise ValueError(f"must be a whole number from {low} to {high}, got {text!r}")


def boolean(text):
    if text.lower() in TRUE:
        return True
    if text.lower() in FALSE:
        return False
    raise ValueError(f"must be one of 1, true, yes, on, 0, false, no, off, got {text!r}")


def host_list(text):
    hosts = [host.strip() for host in text.split(",") if host.strip()]
    if not hosts:
        raise ValueError(f"must name at least one host, got {text!r}")
    return hosts


def log_level(text):
    if text.upper() in LEVELS:
        return text.upper()
    raise ValueError(f"must be one of {', '.join(LEVELS)}, got {text!r}")


# key, variable, conversion, default (REQUIRED when there is none), in the order of checks.
REQUIRED = object()
SETTINGS = [
    ("database_url", "APP_DATABASE_URL", str, REQUIRED),
    ("port", "APP_PORT", lambda text: whole_number(text, 1, 65535), 8000),
    ("workers", "APP_WORKERS", lambda text: whole_number(text, 1, 64), 2),
    ("debug", "APP_DEBUG", boolean, False),
    ("allowed_hosts", "APP_ALLOWED_HOSTS", host_list, ["localhost"]),
    ("log_level", "APP_LOG_LEVEL", log_level, "INFO"),
]


def load_settings(environ):
    """Read and check the APP_* settings from `environ`; raise ValueError listing every problem."""
    settings = {}
    problems = []
    for key, variable, convert, default in SETTINGS:
        text = environ.get(variable, "")
        if text == "":
            if default is REQUIRED:
                problems.append(f"{variable}: required but not set")
            else:
                # A fresh copy: callers may change the list they get back.
                settings[key] = list(default) if isinstance(default, list) else default
            continue
        try:
            settings[key] = convert(text)
        except ValueError as error:
            problems.append(f"{variable}: {error}")
    if problems:
        raise ValueError("\n".join(problems))
    return settings
