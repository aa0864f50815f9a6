"""The health check's probes: database, cache, storage and broker, each on its own clock.

Each probe runs in a thread of its own and gets PROBE_TIMEOUT seconds; one that has not
answered by then counts as failed, so /healthz answers within a second whatever hangs.
The mail server is not probed: mail is a task, and no page waits on it.
"""

import threading
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connections

PROBE_TIMEOUT = 0.8


def probe_database():
    connection = connections["default"]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    finally:
        # The probe's thread has a connection of its own: never leave it open.
        connection.close()
    return "ok"


def probe_cache():
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    found = cache.get(key)
    cache.delete(key)
    if found != "ok":
        raise RuntimeError("a value written could not be read back")
    return "ok"


def probe_storage():
    default_storage.exists("healthz-probe")
    return "ok"


def probe_broker():
    if not settings.CELERY_BROKER_URL:
        return "skipped (no broker: tasks run in the web process)"
    from coalition.celery import app

    with app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=1, timeout=PROBE_TIMEOUT)
    return "ok"


COMPONENTS = ("database", "cache", "storage", "broker")


def check(timeout=PROBE_TIMEOUT):
    """{name: (healthy, text)} for each component, probed at once, each cut off at `timeout`."""
    probes = {name: globals()[f"probe_{name}"] for name in COMPONENTS}
    results = {}

    def run(name, probe):
        try:
            results[name] = (True, probe())
        except Exception as error:  # noqa: BLE001 - any failure makes the component unhealthy
            results[name] = (False, f"failed: {type(error).__name__}")

    threads = {
        name: threading.Thread(target=run, args=(name, probe), daemon=True, name=f"healthz-{name}")
        for name, probe in probes.items()
    }
    for thread in threads.values():
        thread.start()
    for thread in threads.values():
        thread.join(timeout)  # they run in parallel: the whole check takes about `timeout`
    return {name: results.get(name, (False, "failed: no answer in time")) for name in probes}
