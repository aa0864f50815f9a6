"""`make bench-http`: the public pages through gunicorn, measured with wrk against a static file.

Builds (once, then reuses) a PostgreSQL database with the demo content and 10,000 generated
articles, collects the static files, starts two gunicorns on loopback (2 sync workers each,
production settings, the Redis cache): one with the page cache, one without. wrk measures a
static file served by whitenoise (the reference), then each page cached and uncached, the
static file measured again just before each page: on a shared machine the load drifts during a
run, and a ratio compares like with like only when both sides are measured together. Prints
requests per second, p50/p99 latency and the ratio to that static file; exits 1 when a target
of issue 10 is missed. Not part of `make test` or CI.
"""

import argparse
import importlib.util
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/coalition_bench"
# The cached server's port; the uncached one listens on the next (BENCH_HTTP_PORT, --port).
DEFAULT_PORT = 9401
MAX_WORKER_RSS_MB = 120

# Pages the page cache never stores (every query differs): measured uncached only.
NEVER_CACHED = {"search"}

# Targets: the least share of the static file's requests per second.
CACHED_TARGET = 1 / 2
UNCACHED_TARGETS = {"article": 1 / 10, "search": 1 / 20}
UNCACHED_DEFAULT_TARGET = 1 / 15
SEARCH_P99_MS = 100


@dataclass
class Result:
    name: str
    mode: str
    url: str
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int = 0
    target: float | None = None
    ratio: float | None = None
    reference_rps: float | None = None

    @property
    def passed(self):
        if self.errors:
            return False
        if self.target is not None and self.ratio is not None and self.ratio < self.target:
            return False
        return not (self.name == "search" and self.mode == "uncached" and self.p99_ms >= 100)


def run(command, env, **kwargs):
    print("$", " ".join(command), flush=True)
    return subprocess.run(command, env=env, cwd=ROOT, check=True, **kwargs)  # noqa: S603


def manage(env, *args, capture=False):
    return run(
        [PYTHON, "manage.py", *args],
        env,
        capture_output=capture,
        text=True,
    )


def forget_cached_pages(cache_url, prefix):
    """Start from an empty cache: delete this benchmark's keys (its prefix) only."""
    import redis

    client = redis.Redis.from_url(cache_url)
    keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
    if keys:
        client.delete(*keys)


def ensure_database(env, url):
    """Create the benchmark database when missing; True when it was just made."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    server = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(server, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if exists:
            return False
        connection.execute(f'CREATE DATABASE "{name}"')  # name from our own setting
    return True


def drop_database(url):
    import psycopg

    name = url.rsplit("/", 1)[1]
    server = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # our own setting


def misses_migrations(env):
    """Whether the kept database lacks a migration of the code (`migrate --check`)."""
    check = [PYTHON, "manage.py", "migrate", "--check", "-v0"]
    return subprocess.run(check, env=env, cwd=ROOT, capture_output=True).returncode != 0  # noqa: S603


def build(env, url, articles):
    created = ensure_database(env, url)
    if not created and misses_migrations(env):
        # Made again rather than migrated: a data migration over every generated row can take
        # far longer than generating them anew.
        print("The kept bench database misses migrations: generating it again.", flush=True)
        drop_database(url)
        created = ensure_database(env, url)
    manage(env, "migrate", "--noinput", "-v0")
    if created:
        manage(env, "seed_demo")
    manage(
        env,
        "generate_bench_data",
        f"--articles={articles}",
        "--cases=2000",
        "--partners=300",
        "--signatures=20000",
    )
    # Statistics as they are now, even for a database generated before they were gathered.
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("ANALYZE")
    manage(env, "collectstatic", "--noinput", "-v0")


def sample_urls(env):
    """One address of each public page, read from the benchmark database."""
    script = (
        "from articles.models import Article\n"
        "from coalition.cases.models import LitigationCase\n"
        "from coalition.models import Topic\n"
        "from partners.models import Partner\n"
        "published = Article.objects.published()\n"
        "article = published.filter(cta_enabled=True).newest_first().first()\n"
        "topic = Topic.objects.filter(articles__in=published).order_by('pk').first()\n"
        "partner = Partner.objects.published().order_by('pk').first()\n"
        "case = LitigationCase.objects.published().order_by('pk').first()\n"
        "print(article.get_absolute_url())\n"
        "print(topic.slug)\n"
        "print(partner.get_absolute_url())\n"
        "print(case.get_absolute_url())\n"
    )
    output = manage(env, "shell", "-v0", "-c", script, capture=True).stdout.split()
    article, topic, partner, case = output[-4:]
    return {
        "home": "/",
        "article": article,
        "articles": "/articles/",
        "articles-filtered": f"/articles/?topic={topic}",
        "partners": "/partners/",
        "partner": partner,
        "cases": "/cases/",
        "case": case,
        "search": "/search/?q=torture",
        "feed": "/feeds/articles/rss/",
        "sitemap": "/sitemap.xml",
    }


def static_url(env):
    """The hashed URL of the site's stylesheet, as whitenoise serves it."""
    import json

    manifest = json.loads((Path(env["STATIC_ROOT"]) / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["coalition/site.css"]


def start_gunicorn(env, port, page_cache):
    server_env = {**env, "PAGE_CACHE_ENABLED": "True" if page_cache else "False"}
    command = [
        str(Path(PYTHON).with_name("gunicorn")),
        "coalition.wsgi:application",
        "--workers=2",
        "--worker-class=sync",
        f"--bind=127.0.0.1:{port}",
        "--log-level=warning",
    ]
    print("$", " ".join(command), f"(PAGE_CACHE_ENABLED={page_cache})", flush=True)
    return subprocess.Popen(command, env=server_env, cwd=ROOT)  # noqa: S603


def wait_until_ready(port, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):  # noqa: S310
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"gunicorn on port {port} did not answer within {timeout} s")


def fetch(port, url):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{url}")  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        response.read()
        return response.status


LATENCY = re.compile(r"^\s*(50|99)(?:\.000)?%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)


def to_ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(port, url, args):
    command = [
        "wrk",
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{args.duration}s",
        "--latency",
        "--timeout=5s",
        f"http://127.0.0.1:{port}{url}",
    ]
    output = subprocess.run(  # noqa: S603
        command, capture_output=True, text=True, check=True, timeout=args.duration + 30
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = {percent: to_ms(value, unit) for percent, value, unit in LATENCY.findall(output)}
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(r"Socket errors:.*?timeout (\d+)", output)
    failed = int(errors.group(1)) if errors else 0
    failed += int(socket_errors.group(1)) if socket_errors else 0
    return rps, latency.get("50", 0.0), latency.get("99", 0.0), failed


def worker_rss_mb(master):
    """Resident memory of each worker of a gunicorn master, in MB."""
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children")
    sizes = []
    for pid in children.read_text().split():
        status = Path(f"/proc/{pid}/status").read_text()
        kilobytes = int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1))
        sizes.append(kilobytes / 1024)
    return sizes


def stop(process):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def print_table(results):
    header = f"{'page':<18} {'mode':<9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
    header += f"{'static':>7} {'ratio':>7} {'target':>7}  result"
    print("\n" + header)
    print("-" * len(header))
    for result in results:
        ratio = ""
        if result.ratio is not None:
            ratio = f"1/{1 / result.ratio:.1f}" if result.ratio else "0"
        target = "" if result.target is None else f"1/{1 / result.target:.0f}"
        static = "" if result.reference_rps is None else f"{result.reference_rps:.0f}"
        verdict = "ok" if result.passed else "MISSED"
        if result.errors:
            verdict += f" ({result.errors} errors)"
        print(
            f"{result.name:<18} {result.mode:<9} {result.rps:8.0f} {result.p50_ms:8.1f} "
            f"{result.p99_ms:8.1f} {static:>7} {ratio:>7} {target:>7}  {verdict}"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--only", help="comma-separated page names to measure")
    parser.add_argument(
        "--port",
        type=int,
        default=int(os.environ.get("BENCH_HTTP_PORT", DEFAULT_PORT)),
        help="loopback port of the cached server; the uncached one uses the next",
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install wrk (make bench-http does)")

    url = os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)
    if not url.startswith("postgres"):
        raise SystemExit("bench-http measures PostgreSQL: set DATABASE_URL=postgres://…")
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "False",
        "SECRET_KEY": secrets.token_urlsafe(50),
        # Plain HTTP on loopback; everything else as in production.
        "SECURE_SSL_REDIRECT": "False",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CACHE_URL": os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/4"),
        "CACHE_KEY_PREFIX": "bench-http",
        "CONN_MAX_AGE": os.environ.get("CONN_MAX_AGE", "600"),
        "STATIC_ROOT": str(ROOT / "build" / "bench-static"),
        "LOG_LEVEL": "WARNING",
    }
    if importlib.util.find_spec("redis") is None:
        # Until the Redis client is installed, each worker keeps its own cache.
        print("NOTE: the redis package is missing: measuring with local-memory caches.")
        env["CACHE_URL"] = "locmemcache://bench-http"
    else:
        forget_cached_pages(env["CACHE_URL"], env["CACHE_KEY_PREFIX"])
    build(env, url, args.articles)
    pages = sample_urls(env)
    if args.only:
        pages = {name: page for name, page in pages.items() if name in args.only.split(",")}
    static = static_url(env)

    ports = {"cached": args.port, "uncached": args.port + 1}
    servers = {
        "cached": start_gunicorn(env, ports["cached"], page_cache=True),
        "uncached": start_gunicorn(env, ports["uncached"], page_cache=False),
    }
    results, rss = [], {}
    try:
        for port in ports.values():
            wait_until_ready(port)
        # Warm both servers: templates compiled, caches filled, connections open.
        for mode, port in ports.items():
            for page in [static, *pages.values()]:
                for _ in range(4):
                    status = fetch(port, page)
                    if status != 200:
                        raise SystemExit(f"{page} answered {status} on the {mode} server")
        rps, p50, p99, errors = wrk(ports["cached"], static, args)
        reference = Result("static file", "whitenoise", static, rps, p50, p99, errors)
        results.append(reference)
        for name, page in pages.items():
            reference_rps, *_latency, _errors = wrk(ports["cached"], static, args)
            for mode, port in ports.items():
                if mode == "cached" and name in NEVER_CACHED:
                    continue
                rps, p50, p99, errors = wrk(port, page, args)
                target = CACHED_TARGET if mode == "cached" else None
                if mode == "uncached":
                    target = UNCACHED_TARGETS.get(name, UNCACHED_DEFAULT_TARGET)
                result = Result(name, mode, page, rps, p50, p99, errors, target)
                result.reference_rps = reference_rps
                result.ratio = rps / reference_rps if reference_rps else 0
                results.append(result)
                print(f"  {name} {mode}: {rps:.0f} req/s, p50 {p50:.1f} ms, p99 {p99:.1f} ms")
        rss = {mode: worker_rss_mb(server) for mode, server in servers.items()}
    finally:
        for server in servers.values():
            stop(server)

    print_table(results)
    print(f"\nURLs: static {static}; " + ", ".join(f"{n} {u}" for n, u in pages.items()))
    missed = [result for result in results if not result.passed]
    print("\nWorker resident memory after the run (MB):")
    for mode, sizes in rss.items():
        print(f"  {mode}: " + ", ".join(f"{size:.0f}" for size in sizes))
    heavy = [size for sizes in rss.values() for size in sizes if size >= MAX_WORKER_RSS_MB]
    if heavy:
        print(f"  MISSED: a worker over {MAX_WORKER_RSS_MB} MB")
    if missed or heavy:
        print(f"\n{len(missed) + bool(heavy)} target(s) missed.")
        return 1
    print("\nEvery target met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
