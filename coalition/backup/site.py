"""The site as backups see it: its storages, tables, rows and migrations."""

import os
import posixpath
import shutil
import subprocess

from django.db import connection
from django.db.migrations.loader import MigrationLoader

from coalition.storage import private_storage, public_storage

FORMAT = 1
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024
# Larger members wait on disk rather than in memory while they are checked.
SPOOL_SIZE = 8 * 1024 * 1024


class BackupError(Exception):
    """Something that stops a backup or a restore, said so that an operator can act on it."""


def storages():
    """The storages a backup covers, by the folder they take in the archive."""
    return {"public": public_storage(), "private": private_storage()}


def stored_names(storage, folder=""):
    """Every file name in `storage`, walking its folders (prefixes, in a bucket)."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield posixpath.join(folder, name) if folder else name
    for sub in sorted(folders):
        yield from stored_names(storage, posixpath.join(folder, sub) if folder else sub)


def sqlite_tables(cursor):
    cursor.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    )
    return [row[0] for row in cursor.fetchall()]


def table_names():
    """Every table of the site's database, Django's or not (such as SQLite's search index)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            return sqlite_tables(cursor)
        return sorted(connection.introspection.table_names(cursor))


def count_rows(cursor, tables, quote):
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 - quoted names
        counts[table] = cursor.fetchone()[0]
    return counts


def row_counts():
    """The number of rows of every table in the site's database."""
    with connection.cursor() as cursor:
        return count_rows(cursor, table_names(), connection.ops.quote_name)


def read_migrations(cursor):
    """{app label: [migration names]} as recorded in the django_migrations table."""
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    applied = {}
    for app, name in cursor.fetchall():
        applied.setdefault(app, []).append(name)
    return applied


def known_migrations():
    """{(app label, migration name)} that this release's code contains."""
    return set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)


def run_postgres(program, *arguments):
    """Run a PostgreSQL client program against the site's database."""
    database = connection.settings_dict
    env = dict(os.environ)
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if database.get(key):
            env[variable] = str(database[key])
    for option, variable in (("sslmode", "PGSSLMODE"), ("sslrootcert", "PGSSLROOTCERT")):
        if database.get("OPTIONS", {}).get(option):
            env[variable] = str(database["OPTIONS"][option])
    if shutil.which(program) is None:
        raise BackupError(
            f"{program} is not installed (Debian: apt-get install postgresql-client)."
        )
    result = subprocess.run(  # noqa: S603 - fixed program, arguments of our own
        [program, *arguments], env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{program} failed: {result.stderr.strip()}")
    return result
