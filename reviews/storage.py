"""Write-once file storage for approved review PDFs: a stored file is never replaced, renamed or deleted through it.

Django's FileSystemStorage picks a new name ("…_a1b2c3.pdf") when one is taken; this storage refuses instead, so a
second save under an existing name can never silently put other bytes where an approved review's PDF is expected.
The names carry the file's SHA-256 (reviews.services.approved_pdf_name), so an existing file of the same name holds
the same bytes: the approval service reuses it (a render left behind by a rolled-back transaction).
"""

from django.core.files.storage import FileSystemStorage


class FileExistsRefused(FileExistsError):
    """A save under a name that is already taken: approved PDFs are write-once."""


class WriteOnceStorage(FileSystemStorage):
    """FileSystemStorage under MEDIA_ROOT that refuses to overwrite, rename or delete."""

    def get_available_name(self, name, max_length=None):
        # No alternative names: the caller chose the name (it carries the hash) and gets exactly that or an error.
        if self.exists(name):
            raise FileExistsRefused(f"{name} exists and is never overwritten")
        return name

    def _save(self, name, content):
        if self.exists(name):
            raise FileExistsRefused(f"{name} exists and is never overwritten")
        # FileSystemStorage opens with O_EXCL, so a file appearing between the check and the write also fails.
        return super()._save(name, content)

    def delete(self, name):
        raise PermissionError(f"{name}: an approved review's PDF is never deleted")


write_once_storage = WriteOnceStorage()


def get_write_once_storage() -> WriteOnceStorage:
    """The storage of ManagementReview.pdf (a callable, so migrations refer to it by name)."""
    return write_once_storage
