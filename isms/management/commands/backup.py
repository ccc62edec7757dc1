"""python manage.py backup DESTINATION: the database and the stored files (MEDIA_ROOT, or the object store) in one
archive (see isms.backup)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from isms.backup import ENGINE_NAMES, BackupError, BackupInfo, create_backup
from isms.backup_objects import configured_object_store


class Command(BaseCommand):
    @property
    def help(self) -> str:
        # Translated when asked for: argparse (manage.py help) cannot format a lazy string.
        return _(
            "Backs up the database and every stored file (under MEDIA_ROOT, or in the object store when STORAGE_BUCKET "
            "is set; the approved review PDFs among them) into one tar archive with a SHA-256 for each part, and "
            "prints its path, size and SHA-256. Restore it with manage.py restore."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "destination",
            type=Path,
            help=_(
                "An existing folder (the archive is named lis-portalen-backup-<date>-<time>.tar there) or a new file "
                "name ending in .tar."
            ),
        )

    def handle(self, *args, destination, **options):
        try:
            store = configured_object_store()
            if store is None:
                result = create_backup(destination=destination, media_root=Path(settings.MEDIA_ROOT))
            else:
                result = create_backup(destination=destination, object_store=store)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            _(
                "Backup written: %(path)s\n"
                "Size: %(size)s; SHA-256 of the file: %(sha256)s\n"
                "Contents: the %(engine)s database and %(files)s from %(where)s (%(bytes)s), %(created)s"
            )
            % {
                "path": result.path,
                "size": byte_count(result.size),
                "sha256": result.sha256,
                "engine": ENGINE_NAMES.get(result.info.engine, result.info.engine),
                "files": file_count(result.info.media_files),
                "where": files_from(result.info),
                "bytes": byte_count(result.info.media_bytes),
                "created": timezone.localtime(result.info.created).strftime("%Y-%m-%d %H:%M:%S"),
            }
        )


def file_count(n: int) -> str:
    """ "1 fil", "2 filer": a number of files in the commands' messages."""
    return ngettext("%(n)s file", "%(n)s files", n) % {"n": n}


def byte_count(n: int) -> str:
    """ "1 byte", "2 048 byte": a size in the commands' messages."""
    return ngettext("%(n)s byte", "%(n)s bytes", n) % {"n": n}


def files_from(info: BackupInfo) -> str:
    """Where a backup's files came from, for the commands' messages: "MEDIA_ROOT" or "the object store"."""
    return "MEDIA_ROOT" if info.media_store == "filesystem" else _("the object store")
