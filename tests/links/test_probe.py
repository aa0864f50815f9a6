"""The HTTP side of the checker, against a local server the test starts."""

import socket

import pytest

from coalition.links.checker import prober
from coalition.links.models import LinkCheck
from coalition.links.probe import HostThrottle, Prober, is_public

pytestmark = pytest.mark.django_db


def test_a_working_link_answers_200_from_head_alone(link_server):
    outcome = prober().check(link_server.url("/status/200"))
    assert outcome.ok
    assert outcome.status_code == 200
    assert [method for method, _, _ in link_server.requests] == ["HEAD"]


@pytest.mark.parametrize("status", [404, 410, 500, 503])
def test_an_error_status_is_not_ok(link_server, status):
    outcome = prober().check(link_server.url(f"/status/{status}"))
    assert not outcome.ok
    assert outcome.status_code == status
    assert outcome.error == ""


def test_redirects_are_followed_to_the_final_url(link_server):
    outcome = prober().check(link_server.url("/redirect/3"))
    assert outcome.ok
    assert outcome.final_url == link_server.url("/status/200")
    assert len(link_server.requests) == 4


def test_too_many_redirects_is_an_error(link_server, settings):
    settings.LINK_CHECK_MAX_REDIRECTS = 2
    outcome = prober().check(link_server.url("/redirect/5"))
    assert outcome.error == LinkCheck.Error.REDIRECTS
    assert len(link_server.requests) == 3
    assert prober().check(link_server.url("/loop")).error == LinkCheck.Error.REDIRECTS


def test_get_follows_when_head_is_refused(link_server):
    outcome = prober().check(link_server.url("/no-head"))
    assert outcome.ok
    assert [method for method, _, _ in link_server.requests] == ["HEAD", "GET"]


def test_a_slow_server_times_out(link_server):
    outcome = prober().check(link_server.url("/slow"))
    assert outcome.error == LinkCheck.Error.TIMEOUT
    assert not outcome.ok


def test_a_closed_port_is_connection_refused(settings):
    settings.LINK_CHECK_ALLOW_LOOPBACK = True
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    outcome = prober().check(f"http://127.0.0.1:{port}/")
    assert outcome.error == LinkCheck.Error.REFUSED


def test_an_unknown_host_is_a_dns_error():
    def no_such_host(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    probe = Prober(user_agent="test", resolve=no_such_host)
    assert probe.check("https://no-such-host.invalid/").error == LinkCheck.Error.DNS


def test_requests_name_the_site_politely(link_server, settings):
    settings.SITE_NAME = "Coalition for Justice"
    settings.SITE_URL = "https://coalition.example.org"
    prober().check(link_server.url("/"))
    user_agent = link_server.requests[0][2]
    assert "Coalition for Justice" in user_agent
    assert "https://coalition.example.org" in user_agent


def test_loopback_is_refused_unless_allowed(link_server, settings):
    settings.LINK_CHECK_ALLOW_LOOPBACK = False
    outcome = prober().check(link_server.url("/status/200"))
    assert outcome.error == LinkCheck.Error.PRIVATE_ADDRESS
    assert link_server.requests == []


def test_a_redirect_into_the_private_network_is_refused(link_server, settings):
    """A public page may redirect anywhere: every hop's address is vetted again."""

    def resolve(host, port, **kwargs):
        address = "127.0.0.1" if host == "127.0.0.1" else "10.0.0.7"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    probe = Prober(user_agent="test", allow_loopback=True, resolve=resolve)
    # The local server stands for a public site here; its redirect leads inside.
    outcome = probe.check(link_server.url("/away?http://intranet.example/admin"))
    assert outcome.error == LinkCheck.Error.PRIVATE_ADDRESS
    assert outcome.final_url == "http://intranet.example/admin"
    assert len(link_server.requests) == 1


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.215.14", True),
        ("2606:2800:21f:cb07:6820:80da:af6b:8b2c", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("0.0.0.0", False),  # noqa: S104 - an address refused, not bound
        ("::1", False),
        ("fe80::1%eth0", False),
        ("fd00::1", False),
        ("::ffff:10.0.0.1", False),
        ("224.0.0.1", False),
    ],
)
def test_only_public_addresses_are_checked(address, public):
    assert is_public(address) is public


def test_loopback_allowance_opens_loopback_only():
    assert is_public("127.0.0.1", allow_loopback=True)
    assert is_public("::1", allow_loopback=True)
    assert not is_public("10.0.0.1", allow_loopback=True)


def test_throttle_lets_n_requests_per_host_per_minute(clock):
    throttle = HostThrottle(3, clock=clock, sleep=clock.sleep)
    times = []
    for _ in range(7):
        throttle.wait("example.org")
        times.append(clock.now)
    # Never more than 3 in any 60 seconds.
    assert all(later - earlier >= 60 for earlier, later in zip(times, times[3:], strict=False))
    assert clock.slept == [60, 60]
    throttle.wait("other.example.org")
    assert clock.slept == [60, 60]
