"""Backup and restore as an operator runs them (scripts/backup, scripts/restore, manage.py verify_archive), and what a
cut-off or damaged archive, a non-empty target and a changed PDF do (isms.backup, reviews.pdf.approved_pdf_problems).

The drill runs on the engine the suite runs on: PostgreSQL under scripts/with-postgres (the real target; CI runs
the suite there too), SQLite otherwise. Target databases are new ones beside the test database, dropped afterwards.
"""

import hashlib
import io
import os
import secrets
import sqlite3
import subprocess
import tarfile
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from isms.backup import BackupError, check_backup, create_backup, restore_backup

ROOT = Path(__file__).resolve().parents[2]
ON_POSTGRESQL = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
postgresql_only = pytest.mark.skipif(
    not ON_POSTGRESQL, reason="PostgreSQL is the target: run under scripts/with-postgres (CI does)"
)
sqlite_only = pytest.mark.skipif(ON_POSTGRESQL, reason="the SQLite variant of the drill")
# Every test, even one that only reads an archive, so that the test database is set up before the module's archive
# is made from it (pytest-django sets it up only for a run that has a database test).
pytestmark = pytest.mark.django_db


# --- Databases, read without the code under test ----------------------------------------------------------------


def _pg_connect(database: dict, name: str):
    import psycopg

    return psycopg.connect(
        host=database["HOST"] or None,
        port=database["PORT"] or None,
        user=database["USER"] or None,
        password=database["PASSWORD"] or None,
        dbname=name,
        autocommit=True,
    )


def database_url(database: dict) -> str:
    """DATABASE_URL for a Django DATABASES entry, for the scripts run as subprocesses."""
    if not ON_POSTGRESQL:
        return f"sqlite:///{database['NAME']}"
    auth = quote(database["USER"] or "", safe="")
    if database["PASSWORD"]:
        auth += ":" + quote(database["PASSWORD"], safe="")
    return f"postgres://{auth}@{database['HOST']}:{database['PORT']}/{database['NAME']}"


def target_rows(database: dict) -> dict[str, int]:
    """{table: rows} of every table in `database` ({} when it has none, or the SQLite file does not exist)."""
    if ON_POSTGRESQL:
        with _pg_connect(database, database["NAME"]) as db:
            tables = [
                row[0]
                for row in db.execute(
                    "select table_name from information_schema.tables "
                    "where table_schema = 'public' and table_type = 'BASE TABLE'"
                )
            ]
            return {t: db.execute(f'select count(*) from "{t}"').fetchone()[0] for t in tables}
    path = Path(database["NAME"])
    if not path.exists():
        return {}
    db = sqlite3.connect(path)
    try:
        tables = [r[0] for r in db.execute("select name from sqlite_master where type = 'table'")]
        return {t: db.execute(f'select count(*) from "{t}"').fetchone()[0] for t in tables if t != "sqlite_sequence"}
    finally:
        db.close()


def source_rows() -> dict[str, int]:
    """{table: rows} of every table in the test database, through Django's connection."""
    with connection.cursor() as cursor:
        rows = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'select count(*) from "{table}"')
            rows[table] = cursor.fetchone()[0]
        return rows


def make_table(database: dict) -> None:
    if ON_POSTGRESQL:
        with _pg_connect(database, database["NAME"]) as db:
            db.execute("create table kept (id integer)")
    else:
        db = sqlite3.connect(database["NAME"])
        db.execute("create table kept (id integer)")
        db.close()


@pytest.fixture
def empty_database(tmp_path):
    """A Django DATABASES entry for a new, empty database of the suite's engine (dropped afterwards)."""
    source = connection.settings_dict
    if not ON_POSTGRESQL:
        yield {**source, "NAME": str(tmp_path / "restored.sqlite3")}
        return
    name = f"lis_restore_{secrets.token_hex(4)}"
    with _pg_connect(source, "postgres") as db:
        db.execute(f'create database "{name}"')
    try:
        yield {**source, "NAME": name}
    finally:
        with _pg_connect(source, "postgres") as db:
            db.execute(f'drop database if exists "{name}" with (force)')


def run(command: list[str], *, database: dict, media_root: Path) -> subprocess.CompletedProcess:
    """Run one of the scripts or manage.py as an operator would, with DATABASE_URL and MEDIA_ROOT set."""
    env = dict(os.environ, DATABASE_URL=database_url(database), MEDIA_ROOT=str(media_root))
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)


# --- The drill --------------------------------------------------------------------------------------------------


def _check_restored(approved_review, media_root: Path, database: dict, restored_media: Path, done) -> None:
    assert done.returncode == 0, done.stderr
    assert "Återställt från" in done.stdout
    assert "Kontrollerade fastställda genomgångar: 1. Varje PDF finns och stämmer" in done.stdout
    assert target_rows(database) == source_rows()
    original = (media_root / approved_review.pdf.name).read_bytes()
    restored = restored_media / approved_review.pdf.name
    assert restored.read_bytes() == original
    assert hashlib.sha256(original).hexdigest() == approved_review.pdf_sha256

    # The restored installation's PDF changed afterwards: verify_archive names it and exits non-zero.
    restored.write_bytes(original + b"\n% changed\n")
    done = run([".venv/bin/python", "manage.py", "verify_archive"], database=database, media_root=restored_media)
    assert done.returncode == 1
    assert f"aor 2024 revision 1 (id {approved_review.pk}, fil {approved_review.pdf.name})" in done.stderr
    assert "Med saknad eller ändrad PDF: 1" in done.stderr


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_the_drill_on_postgresql(approved_review, media_root, empty_database, tmp_path):
    """scripts/backup of a database with an approved review, scripts/restore into an empty database and folder:
    every table comes back with every row, the PDF byte for byte, and the verification passes."""
    backups = tmp_path / "backups"
    backups.mkdir()
    done = run(["scripts/backup", str(backups)], database=connection.settings_dict, media_root=media_root)
    assert done.returncode == 0, done.stderr
    assert "Säkerhetskopian skrevs" in done.stdout
    assert "PostgreSQL-databasen och 1 fil från MEDIA_ROOT" in done.stdout
    [archive] = backups.iterdir()
    assert archive.stat().st_mode & 0o777 == 0o600  # personal data and password hashes: the owner's only
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert names == ["backup.json", "database.dump", f"media/{approved_review.pdf.name}", "SHA256SUMS"]

    restored_media = tmp_path / "restored-media"
    done = run(["scripts/restore", str(archive)], database=empty_database, media_root=restored_media)
    _check_restored(approved_review, media_root, empty_database, restored_media, done)


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_the_drill_on_sqlite(approved_review, media_root, empty_database, tmp_path):
    """The same on SQLite: the test database lives in this process's memory, so it is backed up from here."""
    out = io.StringIO()
    call_command("backup", str(tmp_path), stdout=out)
    assert "SQLite-databasen och 1 fil från MEDIA_ROOT" in out.getvalue()
    [archive] = tmp_path.glob("*.tar")
    restored_media = tmp_path / "restored-media"
    done = run(["scripts/restore", str(archive)], database=empty_database, media_root=restored_media)
    _check_restored(approved_review, media_root, empty_database, restored_media, done)


def _backup_here(folder: Path, media_root: Path) -> Path:
    """Back up the test database: on PostgreSQL with scripts/backup, on SQLite (in this process's memory) here."""
    if ON_POSTGRESQL:
        done = run(["scripts/backup", str(folder)], database=connection.settings_dict, media_root=media_root)
        assert done.returncode == 0, done.stderr
    else:
        call_command("backup", str(folder), stdout=io.StringIO())
    [archive] = folder.glob("*.tar")
    return archive


@pytest.mark.django_db(transaction=True)
def test_a_backup_from_an_older_version_is_restored_and_the_operator_told_to_migrate(
    media_root, empty_database, tmp_path
):
    with connection.cursor() as cursor:
        cursor.execute("select id, app, name, applied from django_migrations order by id desc limit 1")
        latest = cursor.fetchone()
        cursor.execute("delete from django_migrations where id = %s", [latest[0]])
    try:
        archive = _backup_here(tmp_path, media_root)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("insert into django_migrations (id, app, name, applied) values (%s, %s, %s, %s)", latest)
    done = run(["scripts/restore", str(archive)], database=empty_database, media_root=tmp_path / "restored-media")
    assert done.returncode == 1
    assert "Återställt från" in done.stdout
    assert "den kommer från en äldre version av LIS-portalen. Kör manage.py migrate" in done.stderr
    assert len(target_rows(empty_database)) == len(source_rows())


# --- Damaged archives and non-empty targets ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def archive(django_db_setup, django_db_blocker, tmp_path_factory) -> Path:
    """A backup of the migrated test database and of a MEDIA_ROOT holding one PDF, made once for the module."""
    media = tmp_path_factory.mktemp("media")
    (media / "reviews").mkdir()
    (media / "reviews" / "aor-2024-rev1-0a1b.pdf").write_bytes(b"%PDF-1.7\n" + secrets.token_bytes(50_000))
    with django_db_blocker.unblock():
        return create_backup(destination=tmp_path_factory.mktemp("backups"), media_root=media).path


def _offsets(archive: Path) -> dict[str, tarfile.TarInfo]:
    with tarfile.open(archive) as tar:
        return {m.name.split("/")[0].split(".")[0]: m for m in tar}  # backup, database, media, SHA256SUMS


def _damaged(archive: Path, damage: str, folder: Path) -> Path:
    data = bytearray(archive.read_bytes())
    members = _offsets(archive)
    database, media = members["database"], members["media"]
    if damage == "cut inside the database":
        data = data[: database.offset_data + database.size // 2]
    elif damage == "cut before SHA256SUMS":
        data = data[: members["SHA256SUMS"].offset]
    elif damage == "cut after the last member":
        data = data[: members["SHA256SUMS"].offset_data + 512]
    elif damage == "a byte of the database changed":
        data[database.offset_data + database.size // 2] ^= 0x01
    elif damage == "a byte of the PDF changed":
        data[media.offset_data + 100] ^= 0x01
    elif damage == "a header damaged":
        data[media.offset + 10] ^= 0x01
    elif damage == "not a tar archive":
        data = bytearray(b"%PDF-1.7\n" + bytes(4000))
    path = folder / "damaged.tar"
    path.write_bytes(bytes(data))
    return path


DAMAGES = [
    "cut inside the database",
    "cut before SHA256SUMS",
    "cut after the last member",
    "a byte of the database changed",
    "a byte of the PDF changed",
    "a header damaged",
    "not a tar archive",
]


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_cut_off_or_damaged_archive_restores_nothing(archive, damage, empty_database, tmp_path):
    broken = _damaged(archive, damage, tmp_path)
    media_root = tmp_path / "restored-media"
    with pytest.raises(BackupError, match="kan inte användas.*Ingenting återställdes"):
        restore_backup(archive=broken, database=empty_database, media_root=media_root)
    assert target_rows(empty_database) == {}
    assert not media_root.exists()
    with pytest.raises(CommandError, match="kan inte användas"):
        call_command("restore", "--check", str(broken), stdout=io.StringIO())


def test_the_check_reads_a_whole_archive_back(archive):
    info = check_backup(archive=archive)
    assert (info.engine, info.media_files) == ("postgresql" if ON_POSTGRESQL else "sqlite", 1)
    out = io.StringIO()
    call_command("restore", "--check", str(archive), stdout=out)
    assert "Arkivet är helt: varje del stämmer med sin SHA-256." in out.getvalue()


def test_a_database_part_that_breaks_off_is_rolled_back(archive, empty_database, tmp_path):
    """Matching checksums over a cut-off database file (as if it had been cut before it was hashed): the restore
    still leaves nothing, because the database is restored in one transaction (PostgreSQL) or checked first."""
    rebuilt = tmp_path / "rebuilt.tar"
    sums = {}
    with tarfile.open(archive) as source, tarfile.open(rebuilt, "w") as target:
        for member in source:
            data = source.extractfile(member).read()
            if member.name == "database.dump":
                data = data[: len(data) - 200]  # in the last table's data: every table is created before it fails
            elif member.name == "database.sqlite3":
                data = data[: len(data) // 2]
            if member.name == "SHA256SUMS":
                data = "".join(f"{h}  {n}\n" for n, h in sums.items()).encode()
            sums[member.name] = hashlib.sha256(data).hexdigest()
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    check_backup(archive=rebuilt)  # whole as an archive
    media_root = tmp_path / "restored-media"
    with pytest.raises(BackupError, match="rullades tillbaka" if ON_POSTGRESQL else "skadad"):
        restore_backup(archive=rebuilt, database=empty_database, media_root=media_root)
    assert target_rows(empty_database) == {}
    assert not media_root.exists()


def test_restore_refuses_a_database_that_is_not_empty(archive, empty_database, tmp_path):
    make_table(empty_database)
    with pytest.raises(BackupError, match="är inte tom .*1 tabell eller annat objekt"):
        restore_backup(archive=archive, database=empty_database, media_root=tmp_path / "restored-media")
    assert target_rows(empty_database) == {"kept": 0}
    assert not (tmp_path / "restored-media").exists()


def test_restore_refuses_a_media_root_that_holds_files(archive, empty_database, tmp_path):
    media_root = tmp_path / "media"
    (media_root / "reviews").mkdir(parents=True)
    (media_root / "reviews" / "other.pdf").write_bytes(b"other")
    with pytest.raises(BackupError, match="innehåller redan filer"):
        restore_backup(archive=archive, database=empty_database, media_root=media_root)
    assert target_rows(empty_database) == {}
    assert [p.name for p in media_root.rglob("*")] == ["reviews", "other.pdf"]


def test_a_backup_never_overwrites_and_stays_outside_media_root(archive, media_root, tmp_path):
    with pytest.raises(CommandError, match="finns redan"):
        call_command("backup", str(archive), stdout=io.StringIO())
    with pytest.raises(CommandError, match="utanför MEDIA_ROOT"):
        call_command("backup", str(media_root), stdout=io.StringIO())
    with pytest.raises(CommandError, match="varken en befintlig katalog"):
        call_command("backup", str(tmp_path / "missing" / "x.tar"), stdout=io.StringIO())
    assert check_backup(archive=archive)  # the existing archive is untouched


# --- verify_archive ---------------------------------------------------------------------------------------------


def test_verify_archive_names_a_changed_or_missing_pdf(approved_review, media_root):
    out = io.StringIO()
    call_command("verify_archive", stdout=out)
    assert "Kontrollerade fastställda genomgångar: 1. Varje PDF finns" in out.getvalue()

    path = media_root / approved_review.pdf.name
    path.write_bytes(path.read_bytes() + b"\n% changed\n")
    err = io.StringIO()
    with pytest.raises(CommandError, match="Med saknad eller ändrad PDF: 1"):
        call_command("verify_archive", stdout=io.StringIO(), stderr=err)
    named = f"aor 2024 revision 1 (id {approved_review.pk}, fil {approved_review.pdf.name})"
    assert named in err.getvalue()
    assert "kontrollsumman" in err.getvalue()

    path.unlink()
    err = io.StringIO()
    with pytest.raises(CommandError, match="Med saknad eller ändrad PDF: 1"):
        call_command("verify_archive", stdout=io.StringIO(), stderr=err)
    assert named in err.getvalue()
    assert "saknas i lagringen" in err.getvalue()


@pytest.mark.parametrize(
    ("app", "name", "swedish"),
    [
        ("isms", "backup", "Säkerhetskopierar databasen"),
        ("isms", "restore", "Återställer en säkerhetskopia"),
        ("reviews", "verify_archive", "Kontrollerar att varje fastställd"),
        ("reviews", "render_review", "Skriver en organisations ledningens genomgång"),
    ],
)
def test_manage_py_help_describes_the_command_in_swedish(app, name, swedish):
    from django.core.management import load_command_class

    text = load_command_class(app, name).create_parser("manage.py", name).format_help()
    assert swedish in " ".join(text.split())
