"""The S3 backend of write-once storage (see isms.storage), in a module of its own: boto3 takes a good part of a
second to import, which only installations with STORAGE_BUCKET set should pay.

Tested against moto's S3 server (tests/isms/test_storage.py), which honours If-None-Match: * on PutObject (412) as
AWS S3 does since 2024; MinIO and Ceph RGW do too.
"""

from __future__ import annotations

import base64
import hashlib

from botocore.exceptions import BotoCoreError, ClientError
from django.utils.translation import gettext as _
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

from .storage import FileExistsRefused, WriteOnce


def _status(error: ClientError) -> int | None:
    return error.response.get("ResponseMetadata", {}).get("HTTPStatusCode")


class WriteOnceS3Storage(WriteOnce, S3Storage):
    """Objects in an S3-compatible bucket, each written once by a conditional put (`If-None-Match: *`).

    Options as S3Storage's (bucket_name, location, endpoint_url, region_name, access_key, secret_key,
    addressing_style; isms/settings.py sets them from STORAGE_*). Objects are named `<location>/<name>`. `save`
    raises FileExistsRefused when the key exists (the HEAD of get_available_name, and the store's 412 when another
    server put it in between); `delete` raises PermissionError; `read_bytes` and `all_names` raise OSError when the
    store cannot be reached or refuses.
    """

    def _client(self):
        return self.connection.meta.client

    def _save(self, name, content):
        cleaned = clean_name(name)
        key = self._normalize_name(cleaned)
        content.seek(0)
        data = content.read()
        data = data.encode() if isinstance(data, str) else data
        try:
            self._client().put_object(
                Bucket=self.bucket_name,
                Key=key,
                Body=data,
                IfNoneMatch="*",
                # The store checks the upload against it (AWS S3 and MinIO do; moto does not), and a bucket with
                # object lock takes no upload without a checksum algorithm named.
                ChecksumAlgorithm="SHA256",
                ChecksumSHA256=base64.b64encode(hashlib.sha256(data).digest()).decode(),
                **self._get_write_parameters(key, content),
            )
        except ClientError as error:
            code = error.response.get("Error", {}).get("Code")
            # 412: the key exists. 409: another put of the same key is under way, and only one of them will stand.
            if _status(error) == 412 or code in ("PreconditionFailed", "ConditionalRequestConflict"):
                raise FileExistsRefused(f"{name} exists and is never overwritten") from None
            raise
        return cleaned

    def read_bytes(self, name: str) -> bytes:
        """The whole object; FileNotFoundError when there is none, OSError when the store fails."""
        try:
            answer = self._client().get_object(Bucket=self.bucket_name, Key=self._normalize_name(clean_name(name)))
            return answer["Body"].read()
        except ClientError as error:
            # 404 is also a bucket that does not exist: that is a fault of the store, not a missing file.
            if _status(error) == 404 and error.response.get("Error", {}).get("Code") != "NoSuchBucket":
                raise FileNotFoundError(name) from None
            raise OSError(str(error)) from error
        except BotoCoreError as error:
            raise OSError(str(error)) from error

    def _prefix(self) -> str:
        location = (self.location or "").strip("/")
        return f"{location}/" if location else ""

    def listing(self) -> list[tuple[str, int, float]]:
        """(name relative to the prefix, size in bytes, last modified as a POSIX timestamp) of every object below the
        prefix (STORAGE_PREFIX), sorted by name; OSError when the store fails."""
        prefix = self._prefix()
        found = []
        try:
            pages = self._client().get_paginator("list_objects_v2").paginate(Bucket=self.bucket_name, Prefix=prefix)
            for page in pages:
                for entry in page.get("Contents", ()):
                    found.append((entry["Key"][len(prefix) :], entry["Size"], entry["LastModified"].timestamp()))
        except (ClientError, BotoCoreError) as error:
            raise OSError(str(error)) from error
        return sorted(found)

    def all_names(self) -> list[str]:
        """Every object's name below the prefix, relative to it, sorted; OSError when the store fails."""
        return [name for name, _size, _mtime in self.listing()]

    def describe(self) -> str:
        return _("the bucket %(bucket)s at %(endpoint)s") % {
            "bucket": self.bucket_name + (f"/{self._prefix()}" if self._prefix() else ""),
            "endpoint": self.endpoint_url or "AWS S3",
        }
