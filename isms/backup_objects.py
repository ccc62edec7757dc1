"""The media step of backup and restore (isms.backup) when the stored files are in an object store (STORAGE_BUCKET):
the objects go into the archive as `media/<name>` members, exactly as the files under MEDIA_ROOT do otherwise, so
one archive format serves both, and an archive of either kind restores into either (a way to move an installation
from MEDIA_ROOT into a bucket).

    store = configured_object_store()          # the S3 storage, or None when files are under MEDIA_ROOT
    for name, size, mtime in object_files(store): data = read_object(store, name)
    refuse_non_empty(store)                    # a restore goes into an empty bucket (or prefix) only
    put_staged(staged_folder, store)           # after the database restore: every file, write-once

Errors are BackupError with a Swedish message, as in isms.backup.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from django.core.files import File
from django.core.files.storage import FileSystemStorage
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .backup import STAGING_PREFIX, BackupError

_UNSAFE_NAME = re.compile(r"[\n\r\\]")


def configured_object_store():
    """The installation's write-once storage (isms.storage.archive_storage) when it is an object store, else None:
    then the stored files are the files under MEDIA_ROOT."""
    from .storage import archive_storage

    return None if isinstance(archive_storage, FileSystemStorage) else archive_storage


def _unreachable(store, error: Exception) -> BackupError:
    return BackupError(
        _("The object store (%(store)s) could not be read or written: %(error)s")
        % {"store": store.describe(), "error": error}
    )


def object_files(store) -> list[tuple[str, int, float]]:
    """(name, size in bytes, last modified as a POSIX timestamp) of every stored object, sorted by name.
    BackupError when the store cannot be listed, or for a name an archive cannot hold (a line break, a backslash,
    an empty or ".." part, or one that starts like a restore's staging folder)."""
    try:
        found = store.listing()
    except OSError as error:
        raise _unreachable(store, error) from None
    for name, _size, _mtime in found:
        parts = name.split("/")
        if _UNSAFE_NAME.search(name) or any(p in ("", ".", "..") for p in parts) or parts[0].startswith(STAGING_PREFIX):
            raise BackupError(
                _("The object %(name)r in %(store)s cannot be backed up: its name cannot be restored as it is.")
                % {"name": name, "store": store.describe()}
            )
    return found


def read_object(store, name: str) -> bytes:
    """The object's bytes; BackupError when the store cannot give them."""
    try:
        return store.read_bytes(name)
    except OSError as error:
        raise _unreachable(store, error) from None


def refuse_non_empty(store) -> None:
    """BackupError unless the store holds no object (below its prefix)."""
    try:
        names = store.all_names()
    except OSError as error:
        raise _unreachable(store, error) from None
    if names:
        raise BackupError(
            ngettext(
                "The object store (%(store)s) already holds %(count)s file. A backup is restored only into an empty "
                "bucket: create a new bucket (with object lock, see the README), or set STORAGE_PREFIX to a prefix "
                "that holds nothing.",
                "The object store (%(store)s) already holds %(count)s files. A backup is restored only into an empty "
                "bucket: create a new bucket (with object lock, see the README), or set STORAGE_PREFIX to a prefix "
                "that holds nothing.",
                len(names),
            )
            % {"store": store.describe(), "count": len(names)}
        )


def put_staged(staged: Path, store) -> int:
    """Put every file below the folder `staged` into `store` under its path relative to `staged`, write-once, in
    name order. Returns the number of files. Raises OSError (FileExistsRefused among them) at the first that
    fails; the ones put before it stay (nothing is ever deleted from the store)."""
    paths = sorted(p for p in staged.rglob("*") if p.is_file())
    for path in paths:
        name = path.relative_to(staged).as_posix()
        with open(path, "rb") as file:
            try:
                stored = store.save(name, File(file, name=os.path.basename(name)))
            except OSError:
                raise
            except Exception as error:  # botocore's errors: the caller reports an OSError
                raise OSError(f"{name}: {error}") from error
        if stored != name:
            raise OSError(f"{name} was stored as {stored}")
    return len(paths)
