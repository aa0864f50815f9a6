"""A local HTTP server for the link checker to talk to: the checker never reaches the internet."""

import contextlib
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.servers import free_ports


class Handler(BaseHTTPRequestHandler):
    """Answers by path: /status/404, /redirect/3 (a chain of 3), /no-head, /slow, /loop,
    /away?http://elsewhere/ (a redirect there)."""

    def log_message(self, format, *args):
        pass

    def answer(self, status, headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self):  # noqa: N802 - http.server's hook name
        if self.path.startswith("/no-head"):
            self.record()
            return self.answer(405)
        return self.do_GET()

    def record(self):
        # At once, so that a slow answer still due cannot land in the next test's list.
        self.server.requests.append((self.command, self.path, self.headers.get("User-Agent")))

    def do_GET(self):  # noqa: N802
        self.record()
        path = self.path.split("?")[0]
        parts = path.strip("/").split("/")
        if parts[0] == "status":
            return self.answer(int(parts[1]))
        if parts[0] == "redirect":
            left = int(parts[1])
            target = f"/redirect/{left - 1}" if left > 1 else "/status/200"
            return self.answer(302, [("Location", target)])
        if parts[0] == "away":
            return self.answer(302, [("Location", self.path.partition("?")[2])])
        if parts[0] == "loop":
            return self.answer(301, [("Location", "/loop")])
        if parts[0] == "slow":
            time.sleep(1)
            return self.answer(200)
        return self.answer(200)


@contextlib.contextmanager
def local_link_server():
    """Serve Handler on a free test port until the block ends; `.url(path)` is its address,
    `.requests` what it was asked."""
    (port,) = free_ports(1)
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    server.requests = []
    server.url = lambda path="/": f"http://127.0.0.1:{port}{path}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def let_the_checker_reach(server, settings):
    """Settings for checking links on the local server: loopback allowed, short timeouts."""
    settings.LINK_CHECK_ALLOW_LOOPBACK = True
    settings.LINK_CHECK_TIMEOUT = 0.3
    settings.SITE_URL = "https://coalition.example.org"
    server.requests.clear()
    return server


@pytest.fixture(scope="session")
def _local_http_server():
    with local_link_server() as server:
        yield server


@pytest.fixture
def link_server(settings, _local_http_server):
    """A local HTTP server on a test port; `.url(path)` is its address, `.requests` what it
    got during this test. Loopback is allowed to the checker for it."""
    return let_the_checker_reach(_local_http_server, settings)


class FakeClock:
    """A clock that moves only when the checker sleeps."""

    def __init__(self):
        self.now = 1000.0
        self.slept = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.slept.append(seconds)
        self.now += seconds


@pytest.fixture
def clock():
    return FakeClock()
