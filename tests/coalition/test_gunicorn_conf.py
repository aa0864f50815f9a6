"""`make serve` runs gunicorn with coalition/gunicorn.conf.py, set from the environment."""

import runpy
from pathlib import Path

import pytest

CONFIG = Path(__file__).resolve().parents[2] / "coalition" / "gunicorn.conf.py"
VARIABLES = (
    "GUNICORN_BIND",
    "GUNICORN_WORKERS",
    "GUNICORN_TIMEOUT",
    "GUNICORN_GRACEFUL_TIMEOUT",
    "GUNICORN_KEEPALIVE",
    "GUNICORN_MAX_REQUESTS",
)


@pytest.fixture
def config(monkeypatch):
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)

    def load(**env):
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return runpy.run_path(str(CONFIG))

    return load


def test_defaults_serve_the_site_on_loopback_with_logs_on_standard_output(config):
    settings = config()

    assert settings["wsgi_app"] == "coalition.wsgi:application"
    assert settings["bind"] == ["127.0.0.1:8000"]
    assert settings["workers"] >= 3
    assert (settings["timeout"], settings["graceful_timeout"]) == (30, 30)
    assert settings["max_requests"] == 1000
    assert settings["max_requests_jitter"] == 100
    assert (settings["accesslog"], settings["errorlog"]) == ("-", "-")


def test_the_environment_sets_addresses_workers_and_timeouts(config):
    settings = config(
        GUNICORN_BIND="10.0.0.5:8000,unix:/run/coalition.sock",
        GUNICORN_WORKERS="4",
        GUNICORN_TIMEOUT="20",
        GUNICORN_MAX_REQUESTS="500",
    )

    assert settings["bind"] == ["10.0.0.5:8000", "unix:/run/coalition.sock"]
    assert settings["workers"] == 4
    assert settings["timeout"] == 20
    assert settings["max_requests_jitter"] == 50


def test_gunicorn_accepts_the_configuration(config):
    from gunicorn.config import Config

    gunicorn = Config()
    for name, value in config(GUNICORN_WORKERS="2").items():
        if name in gunicorn.settings and value is not None:
            gunicorn.set(name, value)

    assert gunicorn.workers == 2
    assert gunicorn.address == [("127.0.0.1", 8000)]
    assert gunicorn.control_socket_disable is True
