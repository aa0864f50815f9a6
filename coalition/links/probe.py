"""One link checked over HTTP: HEAD, then GET when HEAD is refused, redirects followed.

Only the status line and headers are read, never a body. Every request goes to an address
resolved and vetted beforehand (and to no other, so a name cannot be re-pointed between the
check and the connection): private, loopback and other non-public addresses are refused,
so that a link in an article cannot make the checker probe the network it runs in.
"""

import http.client
import ipaddress
import socket
import ssl
import time
from collections import defaultdict, deque
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

from .models import LinkCheck

Error = LinkCheck.Error

# Servers that will not answer HEAD say so with these; GET gets the true answer.
HEAD_REFUSED = frozenset({403, 405, 501})
REDIRECTS = frozenset({301, 302, 303, 307, 308})
MINUTE = 60.0


@dataclass(frozen=True)
class Outcome:
    """What checking one URL found: an HTTP status or an error kind, and where it ended."""

    final_url: str
    status_code: int | None = None
    error: str = ""

    @property
    def ok(self):
        return not self.error and self.status_code is not None and 200 <= self.status_code < 300


class LinkError(Exception):
    def __init__(self, kind):
        super().__init__(kind)
        self.kind = kind


class HostThrottle:
    """At most `per_minute` requests to any one host in any 60 seconds of a run.

    The clock and the sleep are injectable, so that tests need not wait.
    """

    def __init__(self, per_minute, clock=time.monotonic, sleep=time.sleep):
        self.per_minute = max(1, per_minute)
        self.clock = clock
        self.sleep = sleep
        self.sent = defaultdict(deque)

    def wait(self, host):
        sent = self.sent[host]
        while True:
            now = self.clock()
            while sent and sent[0] <= now - MINUTE:
                sent.popleft()
            if len(sent) < self.per_minute:
                break
            self.sleep(sent[0] + MINUTE - now)
        sent.append(self.clock())


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the vetted addresses, whatever the host name resolves to by then."""

    addresses = ()

    def connect(self):
        last_error = OSError("no address")
        for address in self.addresses:
            try:
                self.sock = socket.create_connection((address, self.port), self.timeout)
            except OSError as error:
                last_error = error
            else:
                return
        raise last_error


# HTTPSConnection.connect() wraps what the pinned connect() opened, checking the
# certificate against the host name.
class _PinnedHTTPSConnection(http.client.HTTPSConnection, _PinnedHTTPConnection):
    pass


def is_public(address, allow_loopback=False):
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if getattr(ip, "ipv4_mapped", None):
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return allow_loopback
    return ip.is_global and not ip.is_multicast


def request_target(parts):
    """The path and query to send, with anything outside ASCII percent-encoded."""
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    return quote(target, safe="/%:@!$&'()*+,;=-._~?")


class Prober:
    def __init__(
        self,
        *,
        user_agent,
        timeout=10.0,
        max_redirects=5,
        throttle=None,
        allow_loopback=False,
        resolve=socket.getaddrinfo,
    ):
        self.user_agent = user_agent
        self.timeout = timeout
        self.max_redirects = max_redirects
        self.throttle = throttle or HostThrottle(10)
        self.allow_loopback = allow_loopback
        self.resolve = resolve

    def check(self, url):
        """Follow `url` to its end; never raises for what a remote site does."""
        current = url
        for _ in range(self.max_redirects + 1):
            try:
                status, location = self.head_then_get(current)
            except LinkError as error:
                return Outcome(current, error=error.kind)
            if status not in REDIRECTS or not location:
                return Outcome(current, status_code=status)
            current = urljoin(current, location.strip())
        return Outcome(current, error=Error.REDIRECTS)

    def head_then_get(self, url):
        status, location = self.request("HEAD", url)
        if status in HEAD_REFUSED:
            status, location = self.request("GET", url)
        return status, location

    def addresses(self, host, port):
        try:
            found = self.resolve(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as error:
            raise LinkError(Error.DNS) from error
        addresses = list(dict.fromkeys(info[4][0] for info in found))
        allowed = [a for a in addresses if is_public(a, self.allow_loopback)]
        if not allowed:
            raise LinkError(Error.PRIVATE_ADDRESS if addresses else Error.DNS)
        return allowed

    def request(self, method, url):
        """(status, Location header) of one request."""
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError as error:
            raise LinkError(Error.INVALID) from error
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise LinkError(Error.INVALID)
        https = parts.scheme == "https"
        port = port or (443 if https else 80)
        host = parts.hostname
        addresses = self.addresses(host, port)
        self.throttle.wait(host.lower())
        if https:
            connection = _PinnedHTTPSConnection(
                host, port, timeout=self.timeout, context=ssl.create_default_context()
            )
        else:
            connection = _PinnedHTTPConnection(host, port, timeout=self.timeout)
        connection.addresses = addresses
        try:
            connection.request(
                method,
                request_target(parts),
                headers={"User-Agent": self.user_agent, "Accept": "*/*"},
            )
            response = connection.getresponse()
            return response.status, response.getheader("Location")
        except TimeoutError as error:
            raise LinkError(Error.TIMEOUT) from error
        except ConnectionRefusedError as error:
            raise LinkError(Error.REFUSED) from error
        except ssl.SSLError as error:
            raise LinkError(Error.TLS) from error
        except (OSError, http.client.HTTPException) as error:
            raise LinkError(Error.CONNECTION) from error
        finally:
            connection.close()
