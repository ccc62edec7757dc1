"""Write-once storage (isms.storage): on the file system and in an S3 bucket on a real S3 server (moto's server
mode, started by the tests; see tests/s3.py). Store, read back verified, refuse an overwrite, never delete, and refuse
to give out a file changed behind the application's back."""

import hashlib

import pytest
from django.core.files.base import ContentFile

from isms.storage import (
    FileExistsRefused,
    StorageUnavailable,
    StoredFileChanged,
    StoredFileMissing,
    archive_storage,
    read_verified,
    store_once,
)

NAME = "reviews/aor-2024-rev1-test.pdf"
PDF = b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"


class FileSystem:
    def __init__(self, root):
        self.root = root

    def read(self, name):
        return (self.root / name).read_bytes()

    def write_behind_the_apps_back(self, name, data):
        (self.root / name).write_bytes(data)

    def remove_behind_the_apps_back(self, name):
        (self.root / name).unlink()


class Bucket:
    def __init__(self, store):
        self.store = store

    def read(self, name):
        return self.store.read(name)

    def write_behind_the_apps_back(self, name, data):
        self.store.write_behind_the_apps_back(name, data)

    def remove_behind_the_apps_back(self, name):
        self.store.client.delete_object(Bucket=self.store.bucket, Key=self.store.key(name))


@pytest.fixture(params=["filesystem", "s3"])
def backend(request, media_root):
    if request.param == "filesystem":
        return FileSystem(media_root)
    return Bucket(request.getfixturevalue("object_store"))


def test_a_file_is_stored_and_read_back_verified(backend):
    stored = store_once(name=NAME, data=PDF)

    assert (stored.name, stored.sha256, stored.size) == (NAME, hashlib.sha256(PDF).hexdigest(), len(PDF))
    assert backend.read(NAME) == PDF
    assert read_verified(name=NAME, sha256=stored.sha256) == PDF


def test_a_stored_file_is_never_overwritten(backend):
    stored = store_once(name=NAME, data=PDF)

    with pytest.raises(FileExistsRefused):
        archive_storage.save(NAME, ContentFile(b"%PDF-1.7 forged"))
    with pytest.raises(FileExistsRefused):
        store_once(name=NAME, data=b"%PDF-1.7 forged")
    # The same bytes again (an approval whose transaction rolled back after storing): the file is used as it is.
    assert store_once(name=NAME, data=PDF) == stored
    assert backend.read(NAME) == PDF


def test_nothing_is_deleted_through_the_application(backend):
    store_once(name=NAME, data=PDF)

    with pytest.raises(PermissionError):
        archive_storage.delete(NAME)
    assert backend.read(NAME) == PDF


def test_a_file_changed_behind_the_applications_back_is_refused(backend):
    stored = store_once(name=NAME, data=PDF)
    backend.write_behind_the_apps_back(NAME, PDF + b"% one more line\n")

    with pytest.raises(StoredFileChanged, match="stämmer inte med kontrollsumman"):
        read_verified(name=NAME, sha256=stored.sha256)


def test_a_missing_file_is_named(backend):
    stored = store_once(name=NAME, data=PDF)
    backend.remove_behind_the_apps_back(NAME)

    with pytest.raises(StoredFileMissing, match=f"{NAME} saknas i lagringen"):
        read_verified(name=NAME, sha256=stored.sha256)


def test_a_file_is_published_whole_and_no_partial_file_is_left(media_root):
    store_once(name=NAME, data=PDF)
    with pytest.raises(FileExistsRefused):
        store_once(name=NAME, data=b"other")

    assert [p.name for p in (media_root / "reviews").iterdir()] == ["aor-2024-rev1-test.pdf"]


# --- The S3 path, against the real server ------------------------------------------------------------------------


def test_the_server_honours_if_none_match_as_s3_does(object_store):
    """What the write-once S3 storage relies on: a PutObject with If-None-Match: * is refused (412) when the key
    exists. moto's server does this, as AWS S3, MinIO and Ceph do."""
    from botocore.exceptions import ClientError

    client, bucket = object_store.client, object_store.bucket
    client.put_object(Bucket=bucket, Key="k", Body=b"first", IfNoneMatch="*")
    with pytest.raises(ClientError) as refused:
        client.put_object(Bucket=bucket, Key="k", Body=b"second", IfNoneMatch="*")

    assert refused.value.response["ResponseMetadata"]["HTTPStatusCode"] == 412
    assert client.get_object(Bucket=bucket, Key="k")["Body"].read() == b"first"


def test_the_conditional_put_refuses_when_another_server_wrote_after_the_check(object_store, monkeypatch):
    """Two app servers approving at once: both find the key free (HEAD), one puts first. The other's put is refused
    by the store itself, not by the check before it."""
    stored = store_once(name=NAME, data=PDF)
    monkeypatch.setattr(type(archive_storage._wrapped), "exists", lambda self, name: False)

    with pytest.raises(FileExistsRefused):
        archive_storage.save(NAME, ContentFile(b"%PDF-1.7 the other server's render"))
    assert object_store.read(NAME) == PDF
    assert read_verified(name=NAME, sha256=stored.sha256) == PDF


def test_objects_are_named_below_the_prefix_and_carry_their_type(object_store):
    store_once(name=NAME, data=PDF)

    assert object_store.keys() == [f"lis/{NAME}"]
    head = object_store.client.head_object(Bucket=object_store.bucket, Key=f"lis/{NAME}")
    assert head["ContentType"] == "application/pdf"
    assert archive_storage.all_names() == [NAME]


def test_a_bucket_with_object_lock_as_the_readme_creates_it(s3_server):
    """Versioning and object lock with a default retention in compliance mode: the app stores and reads as usual,
    and not even the bucket's owner can delete the stored version before the retention ends."""
    from botocore.exceptions import ClientError

    from tests.s3 import ObjectStore

    store = ObjectStore(server=s3_server, bucket=s3_server.new_bucket(object_lock=True))
    with store.override():
        stored = store_once(name=NAME, data=PDF)
        assert read_verified(name=NAME, sha256=stored.sha256) == PDF
    [version] = store.client.list_object_versions(Bucket=store.bucket)["Versions"]
    with pytest.raises(ClientError, match="AccessDenied"):
        store.client.delete_object(Bucket=store.bucket, Key=NAME, VersionId=version["VersionId"])


def test_a_store_that_cannot_be_read_is_not_reported_as_a_missing_file(object_store):
    stored = store_once(name=NAME, data=PDF)
    object_store.client.delete_object(Bucket=object_store.bucket, Key=object_store.key(NAME))
    object_store.client.delete_bucket(Bucket=object_store.bucket)

    with pytest.raises(StorageUnavailable, match="kunde inte läsas"):
        read_verified(name=NAME, sha256=stored.sha256)
