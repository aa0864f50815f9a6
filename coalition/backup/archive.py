"""Writing one archive of the database and both storages."""

import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import tarfile
import tempfile
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

import django
from django.db import connection, transaction

from .site import (
    CHUNK,
    FORMAT,
    MANIFEST,
    SPOOL_SIZE,
    BackupError,
    count_rows,
    read_migrations,
    run_postgres,
    sqlite_tables,
    storages,
    stored_names,
)


class HashingReader(io.RawIOBase):
    """Reads a file while adding what it read to a SHA-256 digest and a byte count."""

    def __init__(self, handle):
        self.handle = handle
        self.digest = hashlib.sha256()
        self.size = 0

    def readable(self):
        return True

    def readinto(self, buffer):
        data = self.handle.read(len(buffer))
        self.digest.update(data)
        self.size += len(data)
        buffer[: len(data)] = data
        return len(data)


def spooled_copy(handle):
    """`handle`'s content in a temporary file, with its SHA-256 and size."""
    copy = tempfile.SpooledTemporaryFile(max_size=SPOOL_SIZE)  # noqa: SIM115 - returned
    reader = HashingReader(handle)
    shutil.copyfileobj(reader, copy, CHUNK)
    copy.seek(0)
    return copy, reader.digest.hexdigest(), reader.size


@dataclass
class Backup:
    """Writes one archive of the database and both storages."""

    output: Path
    log: Callable = print
    members: list = field(default_factory=list)

    def write(self):
        self.output = Path(self.output)
        partial = self.output.with_name(self.output.name + ".partial")
        mode = "w:gz" if self.output.name.endswith((".gz", ".tgz")) else "w"
        try:
            # Only the owner may read it: it holds confidential documents and personal data.
            descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with (
                open(descriptor, "wb") as handle,
                tarfile.open(fileobj=handle, mode=mode) as archive,
                tempfile.TemporaryDirectory() as tmp,
            ):
                database, counts, migrations = self.dump_database(Path(tmp))
                self.add_file(archive, f"database/{database.name}", database, kind="database")
                for folder, storage in storages().items():
                    self.add_storage(archive, folder, storage)
                manifest = self.manifest(counts, migrations)
                data = json.dumps(manifest, indent=2, sort_keys=True).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime = len(data), int(time.time())
                archive.addfile(info, io.BytesIO(data))
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        # Only a finished archive gets the name, so a failed run never looks like a backup.
        partial.replace(self.output)
        return manifest

    def dump_database(self, folder):
        """Dump the database; return the dump's path, its row counts and its migrations.

        The counts and migrations are read from the very state that was dumped, however busy
        the site is meanwhile, so that a restore can compare against them.
        """
        vendor = connection.vendor
        if vendor == "postgresql":
            target = folder / "coalition.dump"
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
                run_postgres(
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    f"--file={target}",
                )
                tables = sorted(connection.introspection.table_names(cursor))
                counts = count_rows(cursor, tables, connection.ops.quote_name)
                migrations = read_migrations(cursor)
        elif vendor == "sqlite":
            target = folder / "coalition.sqlite3"
            connection.ensure_connection()
            with closing(sqlite3.connect(target)) as copy:
                connection.connection.backup(copy)
                cursor = copy.cursor()
                counts = count_rows(cursor, sqlite_tables(cursor), connection.ops.quote_name)
                migrations = read_migrations(cursor)
        else:
            raise BackupError(f"Backups support PostgreSQL and SQLite, not {vendor}.")
        self.log(f"Database dumped ({vendor}, {target.stat().st_size} bytes).")
        return target, counts, migrations

    def add_file(self, archive, arcname, path, kind):
        with open(path, "rb") as handle:
            self.add(archive, arcname, handle, kind)

    def add_storage(self, archive, folder, storage):
        count = 0
        for name in stored_names(storage):
            with storage.open(name, "rb") as handle:
                self.add(archive, f"{folder}/{name}", handle, kind=folder, name=name)
            count += 1
        self.log(f"{count} {folder} files copied.")

    def add(self, archive, arcname, handle, kind, name=None):
        copy, sha256, size = spooled_copy(handle)
        with copy:
            info = tarfile.TarInfo(arcname)
            info.size, info.mtime, info.mode = (
                size,
                int(time.time()),
                0o600,
            )
            archive.addfile(info, copy)
        member = {"path": arcname, "kind": kind, "sha256": sha256, "size": size}
        if name is not None:
            member["name"] = name
        self.members.append(member)

    def manifest(self, counts, migrations):
        return {
            "format": FORMAT,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "django": django.get_version(),
            "database": connection.vendor,
            "storages": {
                folder: type(getattr(storage, "_wrapped", storage)).__name__
                for folder, storage in storages().items()
            },
            "migrations": migrations,
            "row_counts": counts,
            "members": self.members,
        }
