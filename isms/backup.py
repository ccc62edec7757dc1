"""Backup and restore of a whole installation: the database and the stored files (under MEDIA_ROOT, or in the
object store when STORAGE_BUCKET is set) in one archive file.

    create_backup(destination=Path("/srv/backup"), media_root=Path(settings.MEDIA_ROOT))  # -> BackupResult
    create_backup(destination=..., object_store=configured_object_store())              # the files from a bucket
    check_backup(archive=path)                                                          # -> BackupInfo, or BackupError
    restore_backup(archive=path, database=settings.DATABASES["default"], media_root=...)  # -> BackupInfo
    restore_backup(archive=path, database=..., object_store=configured_object_store())    # into an empty bucket

The archive is an uncompressed tar (format "lis-portalen-backup", version 1; the parts are compressed already)
holding, in this order:

    backup.json       what was backed up: format, version, time, database engine and member, media file count
    database.dump     PostgreSQL: `pg_dump --format=custom` of the whole database (one consistent snapshot)
      or database.sqlite3   SQLite: a consistent copy made with SQLite's online backup API
    media/<path>      every file under MEDIA_ROOT, or every object in the object store (below STORAGE_PREFIX;
                      isms.backup_objects); the approved review PDFs are media/reviews/<org>-<year>-rev<N>-<sha256>.pdf
    SHA256SUMS        the SHA-256 of every member above in sha256sum's format (`sha256sum -c SHA256SUMS` after
                      `tar -xf` checks them too); written last, so an archive that was cut off lacks it

The database is dumped before the files are copied: approved PDFs are write-once and never deleted, and each is
stored before its review's approval commits, so every PDF the dump refers to is on disk by the time the files are
copied (files added in between are extra, never missing).

A restore reads the whole archive and checks every member against SHA256SUMS before it touches the database; a
truncated or damaged archive, or one with members SHA256SUMS does not list, is refused with nothing restored. It
refuses a target database that has any table and a MEDIA_ROOT (or bucket) that holds any file. PostgreSQL is
restored by `pg_restore --single-transaction --exit-on-error` (all or nothing); SQLite by checking the copy (`PRAGMA
integrity_check`) and moving it into place in one rename. The files are unpacked beside MEDIA_ROOT's contents (for
a bucket: into a temporary folder) first and moved (put) into place only after the database restore has committed.

Errors are BackupError with a Swedish message saying what went wrong and what to do. The PostgreSQL client programs
(pg_dump, pg_restore, psql) are taken from PG_BINDIR when set, else from the newest /usr/lib/postgresql/<version>/bin
(Debian keeps them there, one folder per version, as scripts/with-postgres finds them), else from PATH; pg_dump
must be at least the server's version.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path, PurePosixPath
from typing import IO

from django.db import connections
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

FORMAT = "lis-portalen-backup"
FORMAT_VERSION = 1
INFO_MEMBER = "backup.json"
SUMS_MEMBER = "SHA256SUMS"
MEDIA_PREFIX = "media/"
DATABASE_MEMBERS = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
ENGINE_NAMES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
#: Folders under MEDIA_ROOT that a restore unpacks into before moving the files into place; never backed up.
STAGING_PREFIX = ".restore-"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot be done; the message (Swedish) says why and what to do."""


@dataclasses.dataclass(frozen=True)
class BackupInfo:
    """What an archive holds, from its backup.json: `created` (aware datetime), `engine` ("postgresql" or
    "sqlite"), `media_files` (number of stored files) and `media_bytes` (their total size in bytes), `media_store`
    (where they came from: "filesystem", MEDIA_ROOT, or "s3", an object store)."""

    created: datetime.datetime
    engine: str
    media_files: int
    media_bytes: int
    media_store: str = "filesystem"


@dataclasses.dataclass(frozen=True)
class BackupResult:
    """A written archive: its `path`, `size` in bytes, `sha256` (hex, of the whole file) and what it holds."""

    path: Path
    size: int
    sha256: str
    info: BackupInfo


# --- The database step ------------------------------------------------------------------------------------------


def database_engine(database: dict) -> str:
    """ "postgresql" or "sqlite" for a Django DATABASES entry; BackupError for any other engine."""
    engine = database.get("ENGINE", "")
    if engine == "django.db.backends.postgresql":
        return "postgresql"
    if engine == "django.db.backends.sqlite3":
        return "sqlite"
    raise BackupError(_("Backup supports PostgreSQL and SQLite, not %(engine)s.") % {"engine": engine})


def postgresql_program(name: str) -> str:
    """Path of the PostgreSQL client program `name` (pg_dump, pg_restore, psql): PG_BINDIR, else the newest
    /usr/lib/postgresql/<version>/bin that has it, else PATH. BackupError when there is none."""
    folders = []
    if os.environ.get("PG_BINDIR"):
        folders.append(Path(os.environ["PG_BINDIR"]))
    else:
        versions = [p for p in Path("/usr/lib/postgresql").glob("*/bin") if p.parent.name.replace(".", "").isdigit()]
        folders.extend(sorted(versions, key=lambda p: [int(n) for n in p.parent.name.split(".")], reverse=True))
    for folder in folders:
        if os.access(folder / name, os.X_OK):
            return str(folder / name)
    found = shutil.which(name)
    if found and not os.environ.get("PG_BINDIR"):
        return found
    raise BackupError(
        _(
            "The PostgreSQL program %(name)s was not found. Install the PostgreSQL client (Debian: apt-get install "
            "postgresql-client) or set PG_BINDIR to the folder that holds it."
        )
        % {"name": name}
    )


def libpq_environment(database: dict) -> dict[str, str]:
    """The environment for pg_dump, pg_restore and psql to reach the database of a Django DATABASES entry: the
    process's own environment plus PGHOST, PGPORT, PGUSER, PGDATABASE and, from the entry, the password and TLS
    options (as Django's dbshell passes them), so that no password appears on a command line."""
    from django.db.backends.postgresql.client import DatabaseClient

    _args, env = DatabaseClient.settings_to_cmd_args_env(database, [])
    env = dict(os.environ, **(env or {}))
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"), ("PGDATABASE", "NAME")):
        if database.get(key):
            env[variable] = str(database[key])
        else:
            env.pop(variable, None)
    options = database.get("OPTIONS") or {}
    if options.get("options"):
        env["PGOPTIONS"] = str(options["options"])
    if options.get("connect_timeout"):
        env["PGCONNECT_TIMEOUT"] = str(options["connect_timeout"])
    env["PGAPPNAME"] = "lis-portalen-backup"
    return env


def _run(program: str, arguments: list[str], env: dict[str, str], what: str) -> str:
    """Run a PostgreSQL program; its standard output, or BackupError with `what` and the program's own message."""
    try:
        done = subprocess.run([program, *arguments], env=env, capture_output=True, text=True, check=False)
    except OSError as error:
        raise BackupError(f"{what}: {error}") from None
    if done.returncode != 0:
        message = "\n".join(done.stderr.strip().splitlines()[-15:])
        raise BackupError(f"{what}:\n{message}")
    return done.stdout


def _dump_postgresql(database: dict, path: Path) -> None:
    # The dump keeps owners and privileges; restore_backup leaves them out, so any role may restore it.
    _run(
        postgresql_program("pg_dump"),
        ["--format=custom", f"--file={path}"],
        libpq_environment(database),
        _("pg_dump could not back up the database %(name)s") % {"name": database.get("NAME")},
    )


def _dump_sqlite(alias: str, path: Path) -> None:
    connection = connections[alias]
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    try:
        connection.connection.backup(copy)  # the online backup API: a consistent copy while others keep writing
    finally:
        copy.close()


# Relations a fresh database does not have (tables, views, sequences, …), outside the system schemas.
_TABLES_SQL = (
    "select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace "
    "where c.relkind in ('r', 'p', 'v', 'm', 'S', 'f') "
    "and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%'"
)


def _postgresql_relations(database: dict) -> int:
    out = _run(
        postgresql_program("psql"),
        ["--no-psqlrc", "--quiet", "--tuples-only", "--no-align", "-v", "ON_ERROR_STOP=1", "-c", _TABLES_SQL],
        libpq_environment(database),
        _("Could not connect to the database %(name)s") % {"name": database.get("NAME")},
    )
    return int(out.strip())


def _sqlite_path(database: dict) -> Path:
    name = str(database.get("NAME") or "")
    if not name or name == ":memory:" or "mode=memory" in name:
        raise BackupError(_("A restore needs a database file; an in-memory SQLite database cannot be restored into."))
    return Path(name)


def _sqlite_tables(path: Path) -> int:
    """Tables in the SQLite file at `path` (0 when it does not exist or is empty); opened read-only, never created."""
    if not path.exists() or path.stat().st_size == 0:
        return 0
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return db.execute("select count(*) from sqlite_master where type in ('table', 'view')").fetchone()[0]
        finally:
            db.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(
            _("%(path)s is not a readable SQLite database (%(error)s).") % {"path": path, "error": error}
        ) from None


def _refuse_non_empty_database(engine: str, database: dict) -> None:
    count = _postgresql_relations(database) if engine == "postgresql" else _sqlite_tables(_sqlite_path(database))
    if count:
        raise BackupError(
            ngettext(
                "The database %(name)s is not empty (%(count)s table or other object). A backup is restored only "
                "into an empty database: create a new one (PostgreSQL: createdb; SQLite: a new file name) and point "
                "DATABASE_URL at it.",
                "The database %(name)s is not empty (%(count)s tables and other objects). A backup is restored "
                "only into an empty database: create a new one (PostgreSQL: createdb; SQLite: a new file name) and "
                "point DATABASE_URL at it.",
                count,
            )
            % {"name": database.get("NAME"), "count": count}
        )


def _restore_postgresql(database: dict, dump: Path) -> None:
    # One transaction: an error anywhere (a damaged dump, a full disk, a clash) rolls everything back.
    _run(
        postgresql_program("pg_restore"),
        [
            "--single-transaction",
            "--exit-on-error",
            "--no-owner",
            "--no-privileges",
            f"--dbname={database.get('NAME')}",
            str(dump),
        ],
        libpq_environment(database),
        _(
            "pg_restore failed and rolled back: the database %(name)s is as empty as before. The backup cannot be "
            "restored as it is; try another one"
        )
        % {"name": database.get("NAME")},
    )


def _restore_sqlite(database: dict, copy: Path) -> None:
    try:
        db = sqlite3.connect(f"{copy.resolve().as_uri()}?mode=ro", uri=True)
        try:
            check = db.execute("pragma integrity_check").fetchone()[0]
            tables = db.execute("select count(*) from sqlite_master where type = 'table'").fetchone()[0]
        finally:
            db.close()
    except sqlite3.DatabaseError as error:
        check, tables = str(error), 0
    if check != "ok" or not tables:
        raise BackupError(
            _("The SQLite database in the backup is damaged (%(check)s); nothing was restored. Try another backup.")
            % {"check": check if check != "ok" else _("no tables")}
        )
    target = _sqlite_path(database)
    partial = target.with_name(f".{target.name}.restore-{os.getpid()}")
    try:
        shutil.copyfile(copy, partial)
        with open(partial, "rb+") as file:
            os.fsync(file.fileno())
        if target.exists():
            os.replace(partial, target)  # found empty above; one rename puts the whole database in place
        else:
            os.link(partial, target)  # never over a file that has appeared since
    except FileExistsError:
        raise BackupError(_("%(path)s appeared during the restore; nothing was restored.") % {"path": target}) from None
    finally:
        partial.unlink(missing_ok=True)


# --- The media step ---------------------------------------------------------------------------------------------
# Files outside the database: everything under MEDIA_ROOT on the file system (the approved review PDFs under
# reviews/). With an object store, isms.backup_objects takes these functions' place: list what to back up, say
# whether the target holds anything, put staged files into place.

_UNSAFE_NAME = re.compile(r"[\n\r\\]")


def media_files(media_root: Path) -> list[tuple[str, Path]]:
    """Every file under `media_root` as (name relative to it, with "/", path), sorted; restore staging folders are
    left out. BackupError for a name SHA256SUMS cannot hold (line breaks, backslashes) or an entry that is not a
    plain file (a symbolic link, a socket)."""
    found = []
    if not media_root.is_dir():
        return found
    for folder, subfolders, names in os.walk(media_root):
        here = Path(folder)
        if here == media_root:
            subfolders[:] = [s for s in subfolders if not s.startswith(STAGING_PREFIX)]
        for name in [*names, *(s for s in subfolders if (here / s).is_symlink())]:
            path = here / name
            relative = path.relative_to(media_root).as_posix()
            if not path.is_file() or path.is_symlink():
                raise BackupError(
                    _("%(path)s under MEDIA_ROOT is not a plain file; move it away and back up again.") % {"path": path}
                )
            if _UNSAFE_NAME.search(relative):
                raise BackupError(
                    _(
                        "The file name %(name)r under MEDIA_ROOT cannot be backed up (line break or backslash); "
                        "rename it."
                    )
                    % {"name": relative}
                )
            found.append((relative, path))
    return sorted(found)


def _refuse_non_empty_media(media_root: Path) -> None:
    if media_root.is_dir():
        for _folder, _subfolders, names in os.walk(media_root):
            if names:
                raise BackupError(
                    _(
                        "MEDIA_ROOT (%(path)s) already holds files. A backup is restored only into an empty "
                        "MEDIA_ROOT: point MEDIA_ROOT at a new, empty folder, or move the files away."
                    )
                    % {"path": media_root}
                )


def _install_media(staged: Path, media_root: Path) -> None:
    for entry in sorted(staged.iterdir()):
        os.rename(entry, media_root / entry.name)  # same file system: a rename, never a copy


# --- The archive ------------------------------------------------------------------------------------------------


class _Hashing:
    """A file object that hashes what is read through it (tarfile.addfile reads exactly the member's size)."""

    def __init__(self, file: IO[bytes]):
        self.file, self.hash = file, hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.file.read(size)
        self.hash.update(data)
        return data


def _add(tar: tarfile.TarFile, name: str, source: IO[bytes], size: int, mtime: float, sums: dict[str, str]) -> None:
    member = tarfile.TarInfo(name)
    member.size, member.mtime, member.mode = size, int(mtime), 0o600
    reader = _Hashing(source)
    tar.addfile(member, reader)
    sums[name] = reader.hash.hexdigest()


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes, sums: dict[str, str]) -> None:
    _add(tar, name, io.BytesIO(data), len(data), timezone.now().timestamp(), sums)


def _add_file(tar: tarfile.TarFile, name: str, path: Path, sums: dict[str, str]) -> None:
    with open(path, "rb") as file:
        stat = os.fstat(file.fileno())
        _add(tar, name, file, stat.st_size, stat.st_mtime, sums)


def _archive_path(destination: Path) -> Path:
    if destination.is_dir():
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        path = destination / f"lis-portalen-backup-{stamp}.tar"
    elif destination.suffix == ".tar" and destination.parent.is_dir():
        path = destination
    else:
        raise BackupError(
            _("%(path)s is neither an existing folder nor a file name ending in .tar in an existing folder.")
            % {"path": destination}
        )
    if path.exists():
        raise BackupError(_("%(path)s already exists; a backup never overwrites a file.") % {"path": path})
    return path


def _give_name(partial: Path, path: Path) -> None:
    try:
        os.link(partial, path)  # never over a file that has appeared since
    except FileExistsError:
        raise BackupError(_("%(path)s already exists; a backup never overwrites a file.") % {"path": path}) from None
    except OSError:  # a file system without hard links
        if path.exists():
            raise BackupError(
                _("%(path)s already exists; a backup never overwrites a file.") % {"path": path}
            ) from None
        os.rename(partial, path)


def create_backup(
    *, destination: Path, media_root: Path | None = None, object_store=None, database_alias: str = "default"
) -> BackupResult:
    """Back up the database `database_alias` and every stored file into one new archive: the files under
    `media_root`, or, when `object_store` is given instead (isms.backup_objects.configured_object_store()), every
    object in that write-once S3 storage.

    `destination` is an existing folder (the archive is named lis-portalen-backup-<YYYYMMDD-HHMMSS>.tar there, in
    Swedish time) or a new file name ending in .tar. The archive is readable by its owner only (it holds personal
    data and password hashes), written under a ".partial" name, read back and checked against its checksums, and
    only then given its name, so an archive under the final name is whole. Raises BackupError (nothing is left
    behind) when pg_dump fails, the destination exists, or a stored file cannot be backed up.
    """
    if (media_root is None) == (object_store is None):
        raise TypeError("create_backup takes either media_root or object_store")
    database = connections[database_alias].settings_dict
    engine = database_engine(database)
    path = _archive_path(destination.expanduser())
    if media_root is not None and path.resolve().is_relative_to(media_root.resolve()):
        # The next backup would carry this one inside it, and so on.
        raise BackupError(_("Keep backups outside MEDIA_ROOT (%(root)s).") % {"root": media_root})
    partial = path.with_name(path.name + ".partial")
    with tempfile.TemporaryDirectory(prefix="lis-backup-") as work:
        dump = Path(work) / DATABASE_MEMBERS[engine]
        if engine == "postgresql":
            _dump_postgresql(database, dump)
        else:
            _dump_sqlite(database_alias, dump)
        # After the dump: see the module's docstring. [(name, size, mtime, path or None for an object)]
        if object_store is None:
            files = [(n, p.stat().st_size, p.stat().st_mtime, p) for n, p in media_files(media_root)]
        else:
            from .backup_objects import object_files

            files = [(n, size, mtime, None) for n, size, mtime in object_files(object_store)]
        info = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "created": timezone.now().isoformat(),
            "database": {"engine": engine, "member": DATABASE_MEMBERS[engine]},
            "media": {
                "files": len(files),
                "bytes": sum(size for _n, size, _m, _p in files),
                "store": "filesystem" if object_store is None else "s3",
            },
        }
        try:
            fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            raise BackupError(
                _("%(path)s exists: another backup is being written there, or one was cut off (remove it).")
                % {"path": partial}
            ) from None
        try:
            with os.fdopen(fd, "wb") as out:
                with tarfile.open(fileobj=out, mode="w", format=tarfile.PAX_FORMAT) as tar:
                    sums: dict[str, str] = {}
                    _add_bytes(tar, INFO_MEMBER, json.dumps(info, indent=2).encode() + b"\n", sums)
                    _add_file(tar, DATABASE_MEMBERS[engine], dump, sums)
                    for name, _size, mtime, file in files:
                        if file is not None:
                            _add_file(tar, MEDIA_PREFIX + name, file, sums)
                        else:
                            from .backup_objects import read_object

                            data = read_object(object_store, name)
                            _add(tar, MEDIA_PREFIX + name, io.BytesIO(data), len(data), mtime, sums)
                    _add_bytes(tar, SUMS_MEMBER, "".join(f"{h}  {n}\n" for n, h in sums.items()).encode(), {})
                out.flush()
                os.fsync(out.fileno())
            try:
                checked = check_backup(archive=partial)
            except BackupError as error:
                raise BackupError(
                    _("The archive just written does not read back whole; check the disk. %(error)s") % {"error": error}
                ) from None
            _give_name(partial, path)
        finally:
            partial.unlink(missing_ok=True)
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
    return BackupResult(path=path, size=path.stat().st_size, sha256=digest.hexdigest(), info=checked)


def _damaged(archive: Path, why: str) -> BackupError:
    return BackupError(
        _("The backup %(path)s cannot be used: %(why)s. Nothing was restored; use another backup.")
        % {"path": archive, "why": why}
    )


def _media_name(name: str) -> PurePosixPath | None:
    """The path below MEDIA_ROOT of a media member, or None when `name` is not one that stays below it."""
    if not name.startswith(MEDIA_PREFIX) or "\\" in name:
        return None
    relative = PurePosixPath(name[len(MEDIA_PREFIX) :])
    parts = relative.parts
    if not parts or relative.is_absolute() or any(p in ("", ".", "..") for p in parts):
        return None
    if parts[0].startswith(STAGING_PREFIX):
        return None
    return relative


def _read_archive(archive: Path, *, database_folder: Path | None, media_folder: Path | None) -> BackupInfo:
    """Read every member of `archive` once, hashing it and, when the folders are given, writing the database file
    into `database_folder` and the media files below `media_folder`; then check the hashes against SHA256SUMS.
    Returns what backup.json says; BackupError (damaged, incomplete, unknown format) otherwise."""
    if not archive.is_file():
        raise BackupError(_("%(path)s does not exist or is not a file.") % {"path": archive})
    hashes: dict[str, str] = {}
    sums: dict[str, str] | None = None
    info = b""
    try:
        with tarfile.open(archive, mode="r:") as tar:
            for member in tar:
                name = member.name
                if sums is not None:
                    raise _damaged(archive, _("%(name)s follows SHA256SUMS") % {"name": name})
                if name in hashes:
                    raise _damaged(archive, _("it holds %(name)s twice") % {"name": name})
                if not member.isreg():
                    raise _damaged(archive, _("it holds %(name)s, which is not a file") % {"name": name})
                source = tar.extractfile(member)
                if name == SUMS_MEMBER:
                    sums = _parse_sums(archive, source.read(16 * 1024 * 1024))
                elif name == INFO_MEMBER:
                    info = source.read(1024 * 1024)
                    hashes[name] = hashlib.sha256(info).hexdigest()
                elif name in DATABASE_MEMBERS.values():
                    hashes[name] = _copy(source, database_folder / name if database_folder else None, member.mtime)
                elif (relative := _media_name(name)) is not None:
                    target = media_folder.joinpath(*relative.parts) if media_folder else None
                    hashes[name] = _copy(source, target, member.mtime)
                else:
                    raise _damaged(archive, _("it holds %(name)s, which a backup never has") % {"name": name})
            # tarfile ends the loop quietly at a damaged header or at a cut between members: only the two zero
            # blocks that close every tar archive show that it went to the end.
            tar.fileobj.seek(tar.offset)
            end = tar.fileobj.read(2 * tarfile.BLOCKSIZE)
            if len(end) < 2 * tarfile.BLOCKSIZE or end.strip(b"\0"):
                raise _damaged(archive, _("it is cut off or a part of it is damaged"))
    except tarfile.TarError as error:
        # A member cut off inside its data ends here.
        raise _damaged(archive, _("it is not a whole tar archive (%(error)s)") % {"error": error}) from None
    if sums is None:
        raise _damaged(archive, _("SHA256SUMS is missing, so the archive is incomplete (cut off?)"))
    missing = sorted(set(sums) - set(hashes))
    if missing:
        raise _damaged(
            archive, _("it lacks %(names)s, listed in SHA256SUMS (cut off?)") % {"names": ", ".join(missing)}
        )
    unlisted = sorted(set(hashes) - set(sums))
    if unlisted:
        raise _damaged(archive, _("SHA256SUMS does not list %(names)s") % {"names": ", ".join(unlisted)})
    changed = sorted(n for n in sums if sums[n] != hashes[n])
    if changed:
        raise _damaged(
            archive, _("%(names)s does not match its SHA-256 in SHA256SUMS (damaged)") % {"names": ", ".join(changed)}
        )
    return _parse_info(archive, info, hashes)


def _copy(source: IO[bytes], target: Path | None, mtime: float) -> str:
    """Hex SHA-256 of `source`, written to the new file `target` as well when given (with `mtime`)."""
    digest = hashlib.sha256()
    if target is None:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
        return digest.hexdigest()
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "xb") as out:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            out.write(chunk)
    os.utime(target, (mtime, mtime))
    return digest.hexdigest()


def _parse_sums(archive: Path, data: bytes) -> dict[str, str]:
    sums = {}
    try:
        lines = data.decode().splitlines()
    except UnicodeDecodeError:
        lines = ["?"]
    for line in lines:
        match = re.fullmatch(r"([0-9a-f]{64})  (.+)", line)
        if match is None or match[2] in sums:
            raise _damaged(archive, _("SHA256SUMS is damaged"))
        sums[match[2]] = match[1]
    return sums


def _parse_info(archive: Path, data: bytes, hashes: dict[str, str]) -> BackupInfo:
    try:
        info = json.loads(data)
        if info["format"] != FORMAT:
            raise ValueError(info["format"])
        version = info["version"]
    except (ValueError, KeyError, TypeError):
        raise _damaged(archive, _("it is not a backup of LIS-portalen (backup.json)")) from None
    if version != FORMAT_VERSION:
        raise _damaged(
            archive,
            _("it is of backup format version %(version)s, which this version of LIS-portalen cannot restore")
            % {"version": version},
        )
    try:
        parsed = BackupInfo(
            created=datetime.datetime.fromisoformat(info["created"]),
            engine=info["database"]["engine"],
            media_files=int(info["media"]["files"]),
            media_bytes=int(info["media"]["bytes"]),
            media_store=str(info["media"].get("store", "filesystem")),
        )
    except (ValueError, KeyError, TypeError):
        raise _damaged(archive, _("it is not a backup of LIS-portalen (backup.json)")) from None
    if DATABASE_MEMBERS.get(parsed.engine) not in hashes:
        raise _damaged(archive, _("the database is missing from it"))
    return parsed


def check_backup(*, archive: Path) -> BackupInfo:
    """Read the whole archive and check every member against SHA256SUMS, writing nothing. Returns what backup.json
    says; raises BackupError saying what is wrong (cut off, damaged, not a backup, unknown format version)."""
    return _read_archive(archive, database_folder=None, media_folder=None)


def restore_backup(*, archive: Path, database: dict, media_root: Path | None = None, object_store=None) -> BackupInfo:
    """Restore `archive` into the empty database `database` (a Django DATABASES entry) and the empty `media_root`,
    or, when `object_store` is given instead, the empty write-once S3 storage (bucket, or prefix in it).

    Order: refuse a database with any table and a MEDIA_ROOT with any file; read the archive once, checking every
    member against SHA256SUMS while unpacking the database file into a temporary folder and the files into a
    staging folder inside `media_root`; refuse a backup of another engine; restore the database in one
    transaction (PostgreSQL) or one rename (SQLite); then move the files into place. On any BackupError before the
    database is restored, the database is untouched and the staging folder removed: nothing is half-restored.
    An object store gets the files from a staging folder in the temporary folder, each by a write-once put.
    Returns what backup.json says.
    """
    if (media_root is None) == (object_store is None):
        raise TypeError("restore_backup takes either media_root or object_store")
    engine = database_engine(database)
    _refuse_non_empty_database(engine, database)
    created_root = False
    if object_store is None:
        media_root = media_root.expanduser()
        _refuse_non_empty_media(media_root)
        created_root = not media_root.exists()
        media_root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=media_root))
    else:
        from .backup_objects import put_staged, refuse_non_empty

        refuse_non_empty(object_store)
        staging = Path(tempfile.mkdtemp(prefix="lis-restore-objects-"))
    restored = installed = False
    try:
        with tempfile.TemporaryDirectory(prefix="lis-restore-") as work:
            info = _read_archive(archive, database_folder=Path(work), media_folder=staging)
            if info.engine != engine:
                raise BackupError(
                    _(
                        "The backup is of a %(backup)s database and cannot be restored into %(target)s. Point "
                        "DATABASE_URL at an empty %(backup)s database."
                    )
                    % {"backup": ENGINE_NAMES.get(info.engine, info.engine), "target": ENGINE_NAMES[engine]}
                )
            if engine == "postgresql":
                _restore_postgresql(database, Path(work) / DATABASE_MEMBERS[engine])
            else:
                _restore_sqlite(database, Path(work) / DATABASE_MEMBERS[engine])
            restored = True
        if object_store is None:
            _install_media(staging, media_root)
        else:
            put_staged(staging, object_store)
        installed = True
    except OSError as error:
        if restored and object_store is not None:
            raise BackupError(
                _(
                    "The database was restored, but the files could not all be put into the object store "
                    "%(store)s (%(error)s). They are in %(staging)s: put the missing ones into the bucket under "
                    "the same names yourself, then run manage.py verify_archive."
                )
                % {"store": object_store.describe(), "error": error, "staging": staging}
            ) from None
        if restored:
            raise BackupError(
                _(
                    "The database was restored, but the files could not be moved into MEDIA_ROOT (%(error)s); they "
                    "are in %(staging)s. Move them into %(root)s yourself, then run manage.py verify_archive."
                )
                % {"error": error, "staging": staging, "root": media_root}
            ) from None
        raise BackupError(_("The restore failed (%(error)s); nothing was restored.") % {"error": error}) from None
    finally:
        if not restored or installed or not any(staging.iterdir()):
            shutil.rmtree(staging, ignore_errors=True)
        if not restored and created_root:
            shutil.rmtree(media_root, ignore_errors=True)
    return info
