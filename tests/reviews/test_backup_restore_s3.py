"""Backup and restore with the stored files in an object store (STORAGE_BUCKET): the drill of
tests/reviews/test_backup_restore.py against a real S3 server (moto's server mode, started by the tests; see
tests/s3.py). The objects go into the archive and come back into an empty bucket; a bucket that holds anything is
refused with nothing restored; a changed object fails the verification.
"""

import io
import os
import subprocess

import pytest
from django.core.management import call_command
from django.db import connection

from isms.backup import BackupError, restore_backup
from isms.backup_objects import configured_object_store
from tests.reviews.test_backup_restore import (  # noqa: F401  (fixtures)
    ROOT,
    archive,
    database_url,
    empty_database,
    postgresql_only,
    source_rows,
    sqlite_only,
    target_rows,
)
from tests.s3 import ObjectStore

pytestmark = pytest.mark.django_db


def run_with_store(command, *, database, store: ObjectStore, media_root) -> subprocess.CompletedProcess:
    """A script or manage.py as an operator runs it, with DATABASE_URL, MEDIA_ROOT and the bucket of `store` as the
    object store (STORAGE_BUCKET …)."""
    env = dict(os.environ, DATABASE_URL=database_url(database), MEDIA_ROOT=str(media_root), **store.env())
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)


def _check_drill(approved_review, source: ObjectStore, target: ObjectStore, database, tmp_path, done):
    assert done.returncode == 0, done.stderr
    assert "Återställt från" in done.stdout
    assert "1 fil från objektlagringen" in done.stdout
    assert "Kontrollerade fastställda genomgångar: 1. Varje PDF finns och stämmer" in done.stdout
    assert target_rows(database) == source_rows()
    key = f"lis/{approved_review.pdf.name}"
    assert target.keys() == source.keys() == [key]
    assert target.read(approved_review.pdf.name) == source.read(approved_review.pdf.name)
    assert not list((tmp_path / "unused-media").glob("*"))  # nothing went to MEDIA_ROOT

    # The restored bucket's object changed afterwards: verify_archive names the review and exits non-zero.
    target.write_behind_the_apps_back(approved_review.pdf.name, source.read(approved_review.pdf.name) + b"%\n")
    done = run_with_store(
        [".venv/bin/python", "manage.py", "verify_archive"],
        database=database,
        store=target,
        media_root=tmp_path / "unused-media",
    )
    assert done.returncode == 1
    assert f"aor 2024 revision 1 (id {approved_review.pk}, fil {approved_review.pdf.name})" in done.stderr
    assert "kontrollsumman" in done.stderr


@pytest.fixture
def bucket_review(object_store, people):
    """The sample review approved with the object store as the write-once storage: its PDF is in the bucket."""
    from reviews import services
    from reviews.compiler import review_fingerprint

    review = services.review_submit(review=people.review, user=people.coordinator)
    return services.review_approve(
        review=review, user=people.head, decisions=[], expected_fingerprint=review_fingerprint(review)
    )


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_the_drill_with_an_object_store_on_postgresql(object_store, bucket_review, s3_server, empty_database, tmp_path):  # noqa: F811
    assert object_store.keys() == [f"lis/{bucket_review.pdf.name}"]
    (tmp_path / "unused-media").mkdir()
    backups = tmp_path / "backups"
    backups.mkdir()
    done = run_with_store(
        ["scripts/backup", str(backups)],
        database=connection.settings_dict,
        store=object_store,
        media_root=tmp_path / "unused-media",
    )
    assert done.returncode == 0, done.stderr
    assert "PostgreSQL-databasen och 1 fil från objektlagringen" in done.stdout
    [archive_path] = backups.iterdir()

    target = ObjectStore(server=s3_server, bucket=s3_server.new_bucket(), prefix="lis")
    done = run_with_store(
        ["scripts/restore", str(archive_path)],
        database=empty_database,
        store=target,
        media_root=tmp_path / "unused-media",
    )
    _check_drill(bucket_review, object_store, target, empty_database, tmp_path, done)


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_the_drill_with_an_object_store_on_sqlite(object_store, bucket_review, s3_server, empty_database, tmp_path):  # noqa: F811
    """The same on SQLite: the test database lives in this process's memory, so it is backed up from here."""
    (tmp_path / "unused-media").mkdir()
    out = io.StringIO()
    call_command("backup", str(tmp_path), stdout=out)
    assert "SQLite-databasen och 1 fil från objektlagringen" in out.getvalue()
    [archive_path] = tmp_path.glob("*.tar")

    target = ObjectStore(server=s3_server, bucket=s3_server.new_bucket(), prefix="lis")
    done = run_with_store(
        ["scripts/restore", str(archive_path)],
        database=empty_database,
        store=target,
        media_root=tmp_path / "unused-media",
    )
    _check_drill(bucket_review, object_store, target, empty_database, tmp_path, done)


def test_a_restore_into_a_bucket_that_holds_anything_restores_nothing(archive, object_store, empty_database):  # noqa: F811
    object_store.write_behind_the_apps_back("reviews/other.pdf", b"%PDF-1.7 other")

    with pytest.raises(BackupError, match=r"innehåller redan 1 fil\. .*tom bucket"):
        restore_backup(archive=archive, database=empty_database, object_store=configured_object_store())
    assert target_rows(empty_database) == {}
    assert object_store.keys() == ["lis/reviews/other.pdf"]


def test_a_backup_of_media_root_restores_into_a_bucket(archive, object_store, empty_database):  # noqa: F811
    """The way from files under MEDIA_ROOT to an object store: restore the installation's backup with STORAGE_BUCKET
    set. The module's archive holds one file under MEDIA_ROOT."""
    info = restore_backup(archive=archive, database=empty_database, object_store=configured_object_store())

    assert (info.media_store, info.media_files) == ("filesystem", 1)
    assert object_store.keys() == ["lis/reviews/aor-2024-rev1-0a1b.pdf"]
    assert object_store.read("reviews/aor-2024-rev1-0a1b.pdf").startswith(b"%PDF-1.7\n")
    assert len(target_rows(empty_database)) == len(source_rows())
