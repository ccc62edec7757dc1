"""Where the approved review PDFs are stored: the installation's write-once storage (isms.storage), under
"reviews/<org>-<year>-rev<N>-<sha256>.pdf" (reviews.services.approved_pdf_name).

The names carry the file's SHA-256, so a file already stored under a name holds the same bytes unless it was
tampered with: the approval service reuses such a file, and every read checks the hash (reviews.pdf).
"""

from isms.storage import FileExistsRefused, archive_storage

__all__ = ["FileExistsRefused", "get_write_once_storage", "write_once_storage"]

write_once_storage = archive_storage


def get_write_once_storage():
    """The storage of ManagementReview.pdf (a callable, so migrations refer to it by name): the write-once storage
    of settings.STORAGES["archive"], looked up on use."""
    return archive_storage
