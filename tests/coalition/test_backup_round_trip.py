"""The restore drill, as an operator runs it: the demo site backed up, restored elsewhere.

Each site is a separate `manage.py` process with its own database (the suite's engine:
SQLite files, or PostgreSQL databases beside the test database) and its own storage (folders,
or buckets on the test SeaweedFS). Every table's row count and every file's checksum must
come back the same.
"""

import hashlib
import os
import sqlite3
import subprocess
import sys
import uuid
from contextlib import closing
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from django.conf import settings

from tests.conftest import PRIVATE_BUCKET

MANAGE = Path(__file__).resolve().parents[2] / "manage.py"
ON_POSTGRES = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
# Settings the sites must not inherit from the environment the suite runs in.
OWN_SETTINGS = ("DATABASE_URL", "MEDIA_", "PRIVATE_MEDIA_", "PUBLIC_MEDIA_", "AWS_", "CELERY_")


def manage(env, *arguments):
    result = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, str(MANAGE), *arguments],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, f"{arguments}: {result.stdout}\n{result.stderr}"
    return result.stdout


def postgres_url(name):
    url = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(url._replace(path=f"/{name}"))


def postgres_admin():
    return psycopg.connect(postgres_url("postgres"), autocommit=True)


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    """A database with every migration applied, to copy for each site (migrating is slow)."""
    folder = tmp_path_factory.mktemp("migrated")
    env = site_env(folder, database_url=None)
    if ON_POSTGRES:
        name = f"{urlsplit(os.environ['DATABASE_URL']).path.lstrip('/')}_bk_{uuid.uuid4().hex[:8]}"
        with postgres_admin() as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = postgres_url(name)
        try:
            manage(env, "migrate", "--no-input", "-v0")
            yield name
        finally:
            with postgres_admin() as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        env["DATABASE_URL"] = f"sqlite:///{folder / 'migrated.sqlite3'}"
        manage(env, "migrate", "--no-input", "-v0")
        yield folder / "migrated.sqlite3"


def site_env(folder, database_url, storage="filesystem", server=None, buckets=None):
    env = {key: value for key, value in os.environ.items() if not key.startswith(OWN_SETTINGS)}
    env.update(
        DJANGO_SETTINGS_MODULE="coalition.settings",
        DEBUG="1",
        EMAIL_URL="dummymail://",
        CACHE_URL="locmemcache://backup-drill",
        MEDIA_ROOT=str(folder / "media"),
        PRIVATE_MEDIA_ROOT=str(folder / "private"),
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    if storage == "s3":
        env.update(
            MEDIA_STORAGE="s3",
            AWS_S3_ENDPOINT_URL=server.endpoint_url,
            AWS_S3_ACCESS_KEY_ID=server.access_key,
            AWS_S3_SECRET_ACCESS_KEY=server.secret_key,
            AWS_S3_REGION_NAME="us-east-1",
            AWS_S3_ADDRESSING_STYLE="path",
            PUBLIC_MEDIA_BUCKET=buckets[0],
            PRIVATE_MEDIA_BUCKET=buckets[1],
        )
    return env


class Site:
    """One installation: its database and storage, and what is in them."""

    def __init__(self, folder, database, storage, server=None):
        self.folder, self.database, self.storage, self.server = folder, database, storage, server
        self.buckets = None
        if storage == "s3":
            tag = uuid.uuid4().hex[:8]
            self.buckets = (
                server.create_bucket(f"drill-{tag}-public", public=True),
                server.create_bucket(f"drill-{tag}-private"),
            )
        if ON_POSTGRES:
            url = postgres_url(database)
        else:
            url = f"sqlite:///{database}"
        self.env = site_env(folder, url, storage, server, self.buckets)

    def row_counts(self):
        """{table: rows} of every table, read straight from the database."""
        if ON_POSTGRES:
            connect = psycopg.connect(postgres_url(self.database))
            tables = "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        else:
            connect = sqlite3.connect(self.database)
            tables = (
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        with closing(connect) as db:
            names = [row[0] for row in db.execute(tables).fetchall()]
            return {name: count_rows(db, name) for name in names}

    def file_checksums(self):
        """{(storage, name): SHA-256} of every stored file, read straight from disk or bucket."""
        checksums = {}
        if self.storage == "s3":
            client = self.server.client()
            for kind, bucket in zip(("public", "private"), self.buckets, strict=True):
                for key in self.server.keys(bucket):
                    body = client.get_object(Bucket=bucket, Key=key)["Body"].read()
                    checksums[kind, key] = hashlib.sha256(body).hexdigest()
            return checksums
        for kind, root in (("public", "media"), ("private", "private")):
            for path in (self.folder / root).rglob("*"):
                if path.is_file():
                    name = path.relative_to(self.folder / root).as_posix()
                    checksums[kind, name] = hashlib.sha256(path.read_bytes()).hexdigest()
        return checksums


def count_rows(db, table):
    return db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]  # noqa: S608 - listed names


def new_database(migrated, folder, name, empty=False):
    """A copy of the migrated database, or a new empty one."""
    if ON_POSTGRES:
        database = f"{migrated}_{name}"
        template = "" if empty else f' TEMPLATE "{migrated}"'
        with postgres_admin() as admin:
            admin.execute(f'CREATE DATABASE "{database}"{template}')
        return database
    path = folder / f"{name}.sqlite3"
    if not empty:
        path.write_bytes(Path(migrated).read_bytes())
    return path


@pytest.fixture
def databases(migrated, tmp_path):
    made = []

    def make(name, empty=False):
        made.append(new_database(migrated, tmp_path, name, empty))
        return made[-1]

    yield make
    if ON_POSTGRES:
        with postgres_admin() as admin:
            for database in made:
                admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


@pytest.mark.parametrize("storage", ["filesystem", "s3"])
def test_the_demo_site_round_trips_through_backup_and_restore(
    request, tmp_path, databases, storage
):
    server = request.getfixturevalue("seaweedfs") if storage == "s3" else None
    source = Site(tmp_path / "source", databases("source"), storage, server)
    manage(source.env, "seed_demo")
    archive = tmp_path / "coalition.tar"
    backup_output = manage(source.env, "backup", "--output", str(archive))

    target = Site(tmp_path / "target", databases("target", empty=True), storage, server)
    restore_output = manage(target.env, "restore", str(archive))

    counts, files = source.row_counts(), source.file_checksums()
    # The demo has images with their variants, and private case documents.
    assert sum(kind == "public" for kind, _ in files) >= 10
    assert sum(kind == "private" for kind, _ in files) >= 3
    assert counts["articles_article"] > 0
    assert counts["cases_casedocument"] > 0
    assert target.row_counts() == counts
    assert target.file_checksums() == files
    assert f"{len(counts)} tables, {len(files)} files" in backup_output
    assert f"Row counts of {len(counts)} tables match the archive." in restore_output
    if storage == "s3":
        assert all(bucket != PRIVATE_BUCKET for bucket in target.buckets)

    # Restoring again into the now full site is refused without --force.
    refused = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, str(MANAGE), "restore", str(archive)],
        env=target.env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert refused.returncode == 1
    assert "already holds files" in refused.stderr
