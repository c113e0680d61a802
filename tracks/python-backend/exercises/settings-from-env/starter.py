def load_settings(environ):
    """Read and check the APP_* settings from `environ`; raise ValueError listing every problem."""
    return {
        "database_url": environ["APP_DATABASE_URL"],
        "port": int(environ.get("APP_PORT", 8000)),
        "workers": int(environ.get("APP_WORKERS", 2)),
        "debug": bool(environ.get("APP_DEBUG", False)),
        "allowed_hosts": environ.get("APP_ALLOWED_HOSTS", "localhost").split(","),
        "log_level": environ.get("APP_LOG_LEVEL", "INFO"),
    }
