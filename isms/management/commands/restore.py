"""python manage.py restore ARCHIVE [--check]: restore a backup into an empty database and an empty MEDIA_ROOT (or
object store, when STORAGE_BUCKET is set), then verify every approved review's PDF (manage.py verify_archive). See
isms.backup."""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from django.utils.translation import gettext as _

from isms.backup import ENGINE_NAMES, BackupError, BackupInfo, check_backup, restore_backup
from isms.backup_objects import configured_object_store

from .backup import file_count, files_from


class Command(BaseCommand):
    @property
    def help(self) -> str:
        # Translated when asked for: argparse (manage.py help) cannot format a lazy string.
        return _(
            "Restores a backup made by manage.py backup into the empty database of DATABASE_URL and the empty "
            "MEDIA_ROOT (or the empty bucket, when STORAGE_BUCKET is set), after checking every part of the archive "
            "against its SHA-256, and then checks every approved review's PDF (manage.py verify_archive). A damaged "
            "or cut-off archive restores nothing."
        )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help=_("The backup archive (.tar) to restore."))
        parser.add_argument(
            "--check",
            action="store_true",
            help=_("Only check the archive against its checksums; change nothing."),
        )

    def handle(self, *args, archive, check, **options):
        try:
            if check:
                info = check_backup(archive=archive)
            else:
                database = connections["default"].settings_dict
                connections["default"].close()
                store = configured_object_store()
                if store is None:
                    info = restore_backup(archive=archive, database=database, media_root=Path(settings.MEDIA_ROOT))
                else:
                    info = restore_backup(archive=archive, database=database, object_store=store)
        except BackupError as error:
            raise CommandError(str(error)) from None
        if check:
            self.stdout.write(
                _("The archive is whole: every part matches its SHA-256. %(contents)s")
                % {"contents": self._contents(info)}
            )
            return
        self.stdout.write(
            _("Restored from %(path)s. %(contents)s") % {"path": archive, "contents": self._contents(info)}
        )
        executor = MigrationExecutor(connections["default"])
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise CommandError(
                _(
                    "The database is restored, but it is from an older version of LIS-portalen. Run manage.py "
                    "migrate, then manage.py verify_archive to check the approved reviews' PDFs."
                )
            )
        call_command("verify_archive", stdout=self.stdout, stderr=self.stderr)

    @staticmethod
    def _contents(info: BackupInfo) -> str:
        return _("Backup of %(created)s: the %(engine)s database and %(files)s from %(where)s.") % {
            "where": files_from(info),
            "created": timezone.localtime(info.created).strftime("%Y-%m-%d %H:%M:%S"),
            "engine": ENGINE_NAMES.get(info.engine, info.engine),
            "files": file_count(info.media_files),
        }
