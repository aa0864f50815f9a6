"""A small production on loopback: two app servers and a worker over shared services.

The app servers are `make serve` (gunicorn with coalition/gunicorn.conf.py) and the worker
`make worker`, as in production. They share one new PostgreSQL database (reached through a
proxy the test can cut), one Redis database under a key prefix and a Celery queue of this
run's own, one SeaweedFS, and a local mail server that answers slowly. Every process is
stopped by its pid, the database dropped and the Redis keys deleted afterwards.

PostgreSQL: DATABASE_URL when it is postgres://, else PG_URL, else the local server.
Redis: REDIS_TEST_URL (default redis://127.0.0.1:6379/0).
"""

import json
import os
import secrets
import subprocess
import sys
import time
import uuid
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
import redis

from tests.servers import (
    ManagedProcess,
    SeaweedFS,
    SlowSMTPSink,
    TCPProxy,
    free_ports,
)

from .client import Browser

REPO = Path(__file__).resolve().parents[2]
PASSWORD = "correct-horse-battery"  # noqa: S105 - the test users' password (tests.factories)
# Seconds the mail server takes over each message: far longer than a request may wait.
MAIL_DELAY = 6
PUBLIC_BUCKET, PRIVATE_BUCKET = "cluster-public", "cluster-private"
SIGNATURE_RATE_LIMIT = 3
AXES_FAILURE_LIMIT = 3

# Made in the shared database before the servers start (tests.factories, in manage.py shell).
SETUP = """
import json
from tests import factories
from partners.models import Membership
from coalition.models import Country

factories.UserFactory(username="admin", is_staff=True, is_superuser=True)
ours = factories.PartnerFactory(name="Almaty Bureau", slug="almaty-bureau")
theirs = factories.PartnerFactory(name="Osh Committee", slug="osh-committee")
factories.MembershipFactory(partner=ours, user__username="ours", role=Membership.Role.MEMBER)
factories.MembershipFactory(partner=theirs, user__username="theirs", role=Membership.Role.ADMIN)
factories.UserFactory(username="lockable", groups=["Partner staff"])
case = factories.LitigationCaseFactory(title="Ours v. Kazakhstan", is_public=False)
factories.CasePartnerFactory(case=case, partner=ours, is_public=False)
factories.CasePartnerFactory(
    case=factories.LitigationCaseFactory(title="Theirs v. Kyrgyzstan"), partner=theirs
)
factories.ArticleFactory(
    title="Stop torture now", slug="stop-torture", cta_enabled=True, cta_prompt="Sign."
)
print(json.dumps({
    "case": case.pk,
    "countries": dict(Country.objects.filter(code__in=["KG", "KZ"]).values_list("code", "pk")),
}))
"""


def pytest_collection_modifyitems(config, items):
    """Cluster tests start a dozen processes: they run only when asked for (-m cluster)."""
    if "cluster" in (config.option.markexpr or ""):
        return
    kept = [item for item in items if item.get_closest_marker("cluster") is None]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[i for i in items if i not in kept])
        items[:] = kept


def postgres_base_url():
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        return url
    return os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432/coalition")


def with_database(url, name, port=None):
    parts = urlsplit(url)
    netloc = parts.netloc
    if port is not None:
        netloc = (
            f"{netloc.rsplit('@', 1)[0]}@127.0.0.1:{port}"
            if "@" in netloc
            else (f"127.0.0.1:{port}")
        )
    return urlunsplit(parts._replace(netloc=netloc, path=f"/{name}"))


def manage(env, *arguments):
    result = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, str(REPO / "manage.py"), *arguments],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, f"{arguments}: {result.stdout}\n{result.stderr}"
    return result.stdout


def wait_until(check, timeout, message):
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise TimeoutError(message)
        time.sleep(0.3)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cluster")
    run = uuid.uuid4().hex[:8]
    base_url = postgres_base_url()
    database = f"{urlsplit(base_url).path.lstrip('/') or 'coalition'}_cluster_{run}"
    redis_url = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/0")
    cache_prefix, queue = f"cluster-{run}", f"cluster-{run}"
    stack = []  # everything started, stopped in reverse order whatever happens

    def stop_all():
        while stack:
            stop = stack.pop()
            try:
                stop()
            except Exception as error:  # noqa: BLE001 - stop the rest whatever one does
                print(f"cleanup: {error}")  # noqa: T201

    try:
        with psycopg.connect(with_database(base_url, "postgres"), autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{database}"')

        def drop_database():
            with psycopg.connect(with_database(base_url, "postgres"), autocommit=True) as a:
                a.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')

        stack.append(drop_database)

        def forget_redis_keys():
            client = redis.Redis.from_url(redis_url)
            for pattern in (f"{cache_prefix}:*", f"{queue}*", f"*{queue}*"):
                keys = list(client.scan_iter(match=pattern, count=1000))
                if keys:
                    client.delete(*keys)

        stack.append(forget_redis_keys)

        # SeaweedFS starts while the database is migrated.
        seaweedfs = SeaweedFS(folder / "seaweedfs").launch()
        stack.append(seaweedfs.stop)

        postgres_port = urlsplit(base_url).port or 5432
        proxy = TCPProxy(postgres_port)
        stack.append(proxy.close)
        sink = SlowSMTPSink(delay=MAIL_DELAY).start()
        stack.append(sink.stop)

        port_a, port_b = free_ports(2)
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DATABASE_URL", "MEDIA_", "AWS_", "CELERY_", "CACHE_"))
        }
        env.update(
            DJANGO_SETTINGS_MODULE="coalition.settings",
            DEBUG="0",
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS="127.0.0.1,localhost",
            SITE_URL=f"http://127.0.0.1:{port_a}",
            SECURE_SSL_REDIRECT="0",
            SECURE_HSTS_SECONDS="0",
            SESSION_COOKIE_SECURE="0",
            CSRF_COOKIE_SECURE="0",
            DATABASE_URL=with_database(base_url, database, port=proxy.port),
            CONN_MAX_AGE="60",
            CACHE_URL=redis_url,
            CACHE_KEY_PREFIX=cache_prefix,
            CELERY_BROKER_URL=redis_url,
            CELERY_QUEUE=queue,
            MEDIA_STORAGE="s3",
            MEDIA_URL="/media/",
            PUBLIC_MEDIA_BUCKET=PUBLIC_BUCKET,
            PRIVATE_MEDIA_BUCKET=PRIVATE_BUCKET,
            AWS_S3_ENDPOINT_URL=seaweedfs.endpoint_url,
            AWS_S3_ACCESS_KEY_ID=seaweedfs.access_key,
            AWS_S3_SECRET_ACCESS_KEY=seaweedfs.secret_key,
            AWS_S3_REGION_NAME="us-east-1",
            AWS_S3_ADDRESSING_STYLE="path",
            EMAIL_URL=f"smtp://127.0.0.1:{sink.port}",
            EMAIL_TIMEOUT="30",
            SIGNATURE_RATE_LIMIT=str(SIGNATURE_RATE_LIMIT),
            # Behind one proxy: each test signs from an address of its own.
            TRUSTED_PROXY_COUNT="1",
            AXES_FAILURE_LIMIT=str(AXES_FAILURE_LIMIT),
            GUNICORN_WORKERS="2",
            GUNICORN_TIMEOUT="60",
            LOG_LEVEL="INFO",
        )
        direct = {**env, "DATABASE_URL": with_database(base_url, database)}
        manage(direct, "migrate", "--no-input", "-v0")
        made = json.loads(manage(direct, "shell", "-c", SETUP).strip().splitlines()[-1])
        seaweedfs.wait_until_ready()
        seaweedfs.create_bucket(PUBLIC_BUCKET, public=True)
        seaweedfs.create_bucket(PRIVATE_BUCKET)

        # The servers start with `make`: bring the installation up to date once, first.
        subprocess.run(["make", "-s", "install"], cwd=REPO, check=True, capture_output=True)  # noqa: S607
        processes = {}
        worker = ManagedProcess(
            "worker",
            ["make", "-s", "worker"],
            {**env, "WORKER_ARGS": "--concurrency 2"},
            REPO,
            folder,
        )
        stack.append(worker.stop)
        processes["worker"] = worker
        for name, port in (("a", port_a), ("b", port_b)):
            server = ManagedProcess(
                f"server-{name}",
                ["make", "-s", "serve"],
                {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "STATIC_ROOT": str(folder / name)},
                REPO,
                folder,
            )
            stack.append(server.stop)
            processes[name] = server
        for name, port in (("a", port_a), ("b", port_b)):
            processes[name].wait_for_port(port)
            wait_until(
                lambda port=port: (
                    Browser().get(f"http://127.0.0.1:{port}/healthz").status in (200, 503)
                ),
                60,
                f"server {name} does not answer",
            )
        yield SimpleNamespace(
            a=f"http://127.0.0.1:{port_a}",
            b=f"http://127.0.0.1:{port_b}",
            processes=processes,
            seaweedfs=seaweedfs,
            sink=sink,
            proxy=proxy,
            database_url=with_database(base_url, database),
            case=made["case"],
            countries=made["countries"],
            folder=folder,
        )
    finally:
        stop_all()


def query(cluster, sql, *params):
    """Rows from the cluster's database, read directly (not through the proxy)."""
    with psycopg.connect(cluster.database_url) as connection:
        return connection.execute(sql, params).fetchall()
