"""One-archive backups of the whole site, and their restore into an empty site.

An archive is a tar file holding:

- `database/coalition.dump` (PostgreSQL's custom format, from `pg_dump -Fc`) or
  `database/coalition.sqlite3` (SQLite's online backup);
- `public/<name>` and `private/<name>`: every file of the public and private storages, read
  through the configured storages (disk or buckets);
- `manifest.json`, last: SHA-256 and size of every member, the Django version, the applied
  migrations and the row count of every table.

The database is dumped before the files are copied, so every file the dump refers to exists
(a file uploaded meanwhile is copied without its row, which is harmless).
"""

from .archive import Backup
from .restore import Restore, read_manifest
from .site import FORMAT, MANIFEST, BackupError, storages, stored_names

__all__ = [
    "FORMAT",
    "MANIFEST",
    "Backup",
    "BackupError",
    "Restore",
    "read_manifest",
    "storages",
    "stored_names",
]
