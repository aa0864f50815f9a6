"""`manage.py backup` and `restore`: one archive, checked, restored only into an empty site."""

import hashlib
import io
import json
import tarfile

import django
import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from coalition import backup
from coalition.storage import private_storage, public_storage
from partners.models import Partner
from tests import factories

# The archive's database dump is read by another process (pg_dump) or connection, which sees
# only committed rows; the migrations' rows are put back afterwards for the other tests.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PDF = b"%PDF-1.7\n% observations\n"


@pytest.fixture
def content():
    partner = factories.PartnerFactory(
        slug="almaty-bureau",
        logo=factories.ImageFactory(file=factories.image_upload("logo.png", size=(400, 200))),
    )
    document = factories.CaseDocumentFactory(file=ContentFile(PDF, name="observations.pdf"))
    # The logo's variants were made by a task after the save committed.
    partner.refresh_from_db()
    return partner, document


@pytest.fixture
def archive(tmp_path, content):
    path = tmp_path / "site.tar"
    call_command("backup", output=path, verbosity=0)
    return path


def members(path):
    with tarfile.open(path) as archive:
        return {info.name: archive.extractfile(info).read() for info in archive if info.isfile()}


def rewrite(path, change):
    """Write the archive again with `change(name, data)` applied to each member."""
    entries = members(path)
    with tarfile.open(path, "w") as archive:
        for name, data in entries.items():
            data = change(name, data)
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))


def change_manifest(path, edit):
    def change(name, data):
        if name != backup.MANIFEST:
            return data
        manifest = json.loads(data)
        edit(manifest)
        return json.dumps(manifest).encode()

    rewrite(path, change)


def stored_state():
    return {
        folder: {name: storage.open(name).read() for name in backup.stored_names(storage)}
        for folder, storage in backup.storages().items()
    }


def test_the_archive_holds_the_database_every_stored_file_and_a_checked_manifest(archive, content):
    partner, document = content
    entries = members(archive)
    manifest = json.loads(entries.pop(backup.MANIFEST))

    # The logo and its variants are kept private, with public copies: a library image.
    image_names = {partner.logo.file.name}
    for widths in partner.logo.variants.values():
        if isinstance(widths, dict):
            image_names.update(widths.values())
    assert set(partner.logo.variants["public"]) == image_names
    files = {name for name in entries if not name.startswith("database/")}
    assert files == (
        {f"public/{name}" for name in image_names}
        | {f"private/{name}" for name in image_names}
        | {f"private/{document.file.name}"}
    )
    assert entries[f"private/{document.file.name}"] == PDF
    for member in manifest["members"]:
        data = entries[member["path"]]
        assert member["sha256"] == hashlib.sha256(data).hexdigest()
        assert member["size"] == len(data)
    assert manifest["django"] == django.get_version()
    assert manifest["database"] == connection.vendor
    applied = MigrationRecorder(connection).applied_migrations()
    archived = {(app, name) for app, names in manifest["migrations"].items() for name in names}
    assert archived == set(applied)
    assert manifest["row_counts"][Partner._meta.db_table] == 1
    assert manifest["row_counts"]["django_migrations"] == len(applied)
    dump = next(name for name in entries if name.startswith("database/"))
    assert entries[dump].startswith(
        b"PGDMP" if connection.vendor == "postgresql" else b"SQLite format 3\x00"
    )


def test_only_the_owner_may_read_the_archive(archive):
    assert archive.stat().st_mode & 0o777 == 0o600


def test_restore_refuses_storage_that_already_holds_files(archive):
    before = stored_state()

    with pytest.raises(CommandError, match="public storage already holds files"):
        call_command("restore", archive, verbosity=0)

    assert stored_state() == before


def test_restore_refuses_a_database_that_is_not_empty(archive):
    for storage in backup.storages().values():
        for name in list(backup.stored_names(storage)):
            storage.delete(name)

    with pytest.raises(CommandError, match=r"database is not empty \(\d+ tables\).*--force"):
        call_command("restore", archive, verbosity=0)

    assert stored_state() == {"public": {}, "private": {}}
    assert Partner.objects.count() == 1


def test_restore_checks_every_checksum_before_it_touches_anything(archive, content):
    _, document = content

    def damage(name, data):
        return b"%PDF-forged" if name == f"private/{document.file.name}" else data

    rewrite(archive, damage)
    before = stored_state()

    with pytest.raises(CommandError, match=f"private/{document.file.name} is damaged"):
        call_command("restore", archive, force=True, verbosity=0)

    assert stored_state() == before
    assert Partner.objects.count() == 1


def test_restore_refuses_an_archive_missing_a_file_its_manifest_lists(archive, content):
    _, document = content
    entries = members(archive)
    del entries[f"private/{document.file.name}"]
    with tarfile.open(archive, "w") as rewritten:
        for name, data in entries.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            rewritten.addfile(info, io.BytesIO(data))

    with pytest.raises(CommandError, match="lacks 1 files"):
        call_command("restore", archive, force=True, verbosity=0)


def test_restore_refuses_an_archive_from_a_newer_release(archive):
    change_manifest(archive, lambda manifest: manifest["migrations"]["cases"].append("0099_x"))

    with pytest.raises(CommandError, match=r"newer release .*cases\.0099_x"):
        call_command("restore", archive, force=True, verbosity=0)


def test_restore_refuses_an_archive_of_another_database(archive):
    other = "sqlite" if connection.vendor == "postgresql" else "postgresql"
    change_manifest(archive, lambda manifest: manifest.update(database=other))

    with pytest.raises(CommandError, match=f"holds a {other} database"):
        call_command("restore", archive, force=True, verbosity=0)


@pytest.mark.parametrize("data", [b"", b"not a tar file at all", None])
def test_restore_of_something_that_is_no_backup_is_a_clear_error(tmp_path, data):
    path = tmp_path / "backup.tar"
    if data is not None:
        path.write_bytes(data)

    with pytest.raises(CommandError, match="is not a readable backup archive"):
        call_command("restore", path, verbosity=0)


def test_a_forced_restore_puts_back_the_archived_site(archive, content):
    partner, document = content
    before = stored_state()
    Partner.objects.update(name="Renamed after the backup")
    factories.PartnerFactory(slug="made-after-the-backup")
    public_storage().delete(partner.logo.file.name)
    with private_storage().open(document.file.name, "wb") as handle:
        handle.write(b"overwritten")

    call_command("restore", archive, force=True, verbosity=0)

    assert stored_state() == before
    assert list(Partner.objects.values_list("slug", "name")) == [("almaty-bureau", partner.name)]


def test_a_failed_backup_leaves_no_archive(tmp_path, content, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("the bucket is unreachable")

    monkeypatch.setattr(backup.archive, "stored_names", broken)
    folder = tmp_path / "backups"
    folder.mkdir()

    with pytest.raises(CommandError, match="unreachable"):
        call_command("backup", output=folder / "site.tar", verbosity=0)

    assert list(folder.iterdir()) == []


def test_backup_names_its_archive_by_the_time_by_default(tmp_path, content, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()

    call_command("backup", stdout=out)

    (written,) = tmp_path.glob("coalition-backup-*Z.tar")
    assert f"Backup written to {written.name}" in out.getvalue()
    assert backup.read_manifest(written)["format"] == backup.FORMAT


def test_a_gz_name_compresses_the_archive(tmp_path, content):
    path = tmp_path / "site.tar.gz"

    call_command("backup", output=path, verbosity=0)

    assert path.read_bytes()[:2] == b"\x1f\x8b"
    assert backup.read_manifest(path)["members"]
