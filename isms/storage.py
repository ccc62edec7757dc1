"""Write-once storage for files that must outlive an app server and look the same from all of them: the approved
review PDFs today, DOCX copies and kept import files later (settings.STORAGES["archive"]).

    stored = store_once(name="reviews/aor-2024-rev1-<sha256>.pdf", data=pdf)  # -> StoredFile(name, sha256, size)
    data = read_verified(name=stored.name, sha256=stored.sha256)             # the bytes, or StoredFileError

Two backends, chosen by the environment (isms/settings.py):

- `WriteOnceFileSystemStorage` (the default): files under MEDIA_ROOT. Several app servers need MEDIA_ROOT on a
  shared file system (NFS). A file is written under a temporary name (created with O_EXCL), flushed to disk and
  published with link(2), which never replaces an existing name: a file appears whole or not at all, and never
  over another.
- `isms.storage_s3.WriteOnceS3Storage` (STORAGE_BUCKET set): objects in an S3-compatible bucket (django-storages),
  written with a conditional PutObject (`If-None-Match: *`), which the store refuses with 412 when the key exists,
  however many servers write at once; a HEAD before it refuses early with the same error. The upload carries its
  SHA-256, which the store checks. For stores that ignore If-None-Match the HEAD is the only guard, so the bucket
  should have versioning and object lock (README, "Shared storage"): then an overwrite keeps the original version.

Neither backend overwrites, renames or deletes a stored file: `save` under a taken name raises FileExistsRefused
and `delete` raises PermissionError. Every read through `read_verified` checks the file's SHA-256 against the one
recorded when it was stored and refuses a mismatch (StoredFileChanged), so a file changed behind the application's
back (on disk, or in the bucket) is never served.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import tempfile
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext as _

#: The key of settings.STORAGES that names the write-once storage.
ALIAS = "archive"


class FileExistsRefused(FileExistsError):
    """A save under a name that is already taken: stored files are write-once."""


class StoredFileError(Exception):
    """A stored file that cannot be given out; the message (Swedish) says why."""


class StoredFileMissing(StoredFileError):
    """No file is stored under the name."""


class StoredFileChanged(StoredFileError):
    """The stored bytes no longer have the SHA-256 recorded when they were stored."""


class StorageUnavailable(StoredFileError):
    """The storage could not be read (the object store does not answer, refuses the credentials, …)."""


@dataclasses.dataclass(frozen=True)
class StoredFile:
    """A file in write-once storage: its `name` (relative, with "/"), `sha256` (hex) and `size` in bytes."""

    name: str
    sha256: str
    size: int


class WriteOnce:
    """What both backends share: no alternative names, no deletes."""

    def get_available_name(self, name, max_length=None):
        # The caller chose the name (it carries the hash) and gets exactly that or an error, never "name_a1b2c3".
        if self.exists(name):
            raise FileExistsRefused(f"{name} exists and is never overwritten")
        return name

    def delete(self, name):
        raise PermissionError(f"{name}: a stored file is never deleted by the application")


class WriteOnceFileSystemStorage(WriteOnce, FileSystemStorage):
    """Files under MEDIA_ROOT (or `location`), each written once and published whole (see the module)."""

    def _save(self, name, content):
        path = Path(self.path(name))
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, partial = tempfile.mkstemp(prefix=".partial-", dir=path.parent)  # O_CREAT | O_EXCL
        try:
            with os.fdopen(fd, "wb") as out:
                for chunk in content.chunks():
                    out.write(chunk.encode() if isinstance(chunk, str) else chunk)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(partial, self.file_permissions_mode or 0o644)  # mkstemp makes it the owner's only
            try:
                os.link(partial, path)  # atomic, and never over a file that is there
            except FileExistsError:
                raise FileExistsRefused(f"{name} exists and is never overwritten") from None
            directory = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(directory)
            finally:
                os.close(directory)
        finally:
            os.unlink(partial)
        return path.relative_to(Path(self.location)).as_posix()

    def read_bytes(self, name: str) -> bytes:
        """The whole file; FileNotFoundError when there is none."""
        with open(self.path(name), "rb") as file:
            return file.read()

    def describe(self) -> str:
        return _("the folder %(path)s (MEDIA_ROOT)") % {"path": self.location}


class ArchiveStorage(LazyObject):
    """settings.STORAGES["archive"], looked up when first used and again after the setting changes (tests)."""

    def _setup(self):
        self._wrapped = storages[ALIAS]


archive_storage = ArchiveStorage()


@receiver(setting_changed)
def _storage_setting_changed(*, setting, **kwargs):
    if setting in ("STORAGES", "MEDIA_ROOT"):
        archive_storage._wrapped = empty


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def store_once(*, name: str, data: bytes) -> StoredFile:
    """Store `data` under `name` (relative, with "/", e.g. "reviews/aor-2024-rev1-<sha256>.pdf"), write-once.

    A file already stored under the name with the same SHA-256 (left by a transaction that rolled back after
    storing it) is used as it is. Raises FileExistsRefused when the name holds other bytes, and the storage's own
    errors (OSError, botocore's) when it cannot write.
    """
    sha256 = sha256_hex(data)
    try:
        stored_name = archive_storage.save(name, ContentFile(data))
    except FileExistsRefused:
        try:
            existing = archive_storage.read_bytes(name)
        except FileNotFoundError:
            raise FileExistsRefused(f"{name} exists and is never overwritten") from None
        if sha256_hex(existing) != sha256:
            raise
        stored_name = name
    return StoredFile(name=stored_name, sha256=sha256, size=len(data))


def read_verified(*, name: str, sha256: str) -> bytes:
    """The bytes stored under `name`, after checking that their SHA-256 is `sha256` (hex).

    Raises StoredFileMissing when nothing is stored under the name, StoredFileChanged when the bytes have another
    SHA-256 (changed behind the application's back: never given out), StorageUnavailable when the storage cannot be
    read. Messages in Swedish.
    """
    try:
        data = archive_storage.read_bytes(name)
    except FileNotFoundError:
        raise StoredFileMissing(_("The stored file %(name)s is missing from storage.") % {"name": name}) from None
    except OSError as error:  # the S3 backend turns the store's errors into OSError too
        raise StorageUnavailable(
            _("The stored file %(name)s could not be read from storage (%(error)s).") % {"name": name, "error": error}
        ) from error
    if sha256_hex(data) != sha256.lower():
        raise StoredFileChanged(
            _("The stored file %(name)s does not match the checksum recorded when it was stored.") % {"name": name}
        )
    return data
