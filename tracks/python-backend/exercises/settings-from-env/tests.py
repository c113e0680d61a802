import pytest

from solution import load_settings

BASE = {"APP_DATABASE_URL": "postgresql://app@db:5432/orders"}


def settings(**variables):
    environ = dict(BASE)
    environ.update({f"APP_{name.upper()}": value for name, value in variables.items()})
    return load_settings(environ)


def problems(environ):
    with pytest.raises(ValueError) as error:
        load_settings(environ)
    return str(error.value).split("\n")


def test_defaults():
    assert settings() == {
        "database_url": "postgresql://app@db:5432/orders",
        "port": 8000,
        "workers": 2,
        "debug": False,
        "allowed_hosts": ["localhost"],
        "log_level": "INFO",
    }


def test_every_setting_read_and_converted():
    got = load_settings(
        {
            "APP_DATABASE_URL": "sqlite:///tmp/test.db",
            "APP_PORT": "65535",
            "APP_WORKERS": "64",
            "APP_DEBUG": "ON",
            "APP_ALLOWED_HOSTS": "orders.example,,  admin.orders.example ,",
            "APP_LOG_LEVEL": "warning",
            "PATH": "/usr/bin",
            "APP_UNKNOWN": "ignored",
        }
    )
    assert got == {
        "database_url": "sqlite:///tmp/test.db",
        "port": 65535,
        "workers": 64,
        "debug": True,
        "allowed_hosts": ["orders.example", "admin.orders.example"],
        "log_level": "WARNING",
    }, f"got {got!r}"


@pytest.mark.parametrize("text, expected", [("1", True), ("TRUE", True), ("yes", True), ("0", False), ("Off", False), ("NO", False), ("false", False)])
def test_debug_words(text, expected):
    got = settings(debug=text)["debug"]
    assert got is expected, f"APP_DEBUG={text!r} should give {expected}, got {got!r}"


@pytest.mark.parametrize("text", ["2", "y", "enabled", " true", "True!"])
def test_debug_refuses_other_words(text):
    lines = problems({**BASE, "APP_DEBUG": text})
    assert len(lines) == 1 and lines[0].startswith("APP_DEBUG: "), f"APP_DEBUG={text!r} gave {lines!r}"


@pytest.mark.parametrize("text", ["0", "65536", "-1", "80.0", " 80", "8_000", "٨٠", "+80", "1e3"])
def test_port_must_be_digits_in_range(text):
    lines = problems({**BASE, "APP_PORT": text})
    assert len(lines) == 1 and lines[0].startswith("APP_PORT: "), f"APP_PORT={text!r} gave {lines!r}"
    assert repr(text) in lines[0], f"the message should show the value {text!r}: {lines[0]!r}"


def test_port_and_workers_limits():
    assert settings(port="1")["port"] == 1
    assert settings(workers="1")["workers"] == 1
    for text in ["0", "65"]:
        lines = problems({**BASE, "APP_WORKERS": text})
        assert lines[0].startswith("APP_WORKERS: "), f"APP_WORKERS={text!r} gave {lines!r}"


def test_empty_string_counts_as_not_set():
    assert settings(port="", debug="", log_level="", allowed_hosts="") == settings()
    lines = problems({"APP_DATABASE_URL": ""})
    assert lines == ["APP_DATABASE_URL: required but not set"], f"got {lines!r}"


def test_only_commas_is_no_host():
    lines = problems({**BASE, "APP_ALLOWED_HOSTS": " , ,"})
    assert len(lines) == 1 and lines[0].startswith("APP_ALLOWED_HOSTS: "), f"got {lines!r}"


def test_unknown_log_level():
    lines = problems({**BASE, "APP_LOG_LEVEL": "verbose"})
    assert len(lines) == 1 and lines[0].startswith("APP_LOG_LEVEL: "), f"got {lines!r}"


def test_every_problem_in_table_order():
    lines = problems({"APP_LOG_LEVEL": "trace", "APP_WORKERS": "many", "APP_DEBUG": "maybe", "APP_PORT": "http"})
    names = [line.split(":")[0] for line in lines]
    assert names == ["APP_DATABASE_URL", "APP_PORT", "APP_WORKERS", "APP_DEBUG", "APP_LOG_LEVEL"], f"got {lines!r}"
    assert lines[0] == "APP_DATABASE_URL: required but not set"
