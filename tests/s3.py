"""A real S3-compatible server for the tests: moto's server mode (moto[server], a test dependency) on a free port of
this machine, started once per run in a thread of the test process. Code under test talks to it over HTTP through
boto3 exactly as to AWS S3 or MinIO; subprocesses (scripts/backup, scripts/restore) reach it with `env`.

    def test_…(object_store):            # the write-once storage is this bucket for the test
        object_store.client.put_object(Bucket=object_store.bucket, Key=…, Body=…)   # behind the app's back
"""

from __future__ import annotations

import dataclasses
import secrets

import pytest
from django.conf import settings
from django.test import override_settings

REGION = "eu-north-1"
ACCESS_KEY = "lis-test-access"
SECRET_KEY = "lis-test-secret"


@dataclasses.dataclass
class S3Server:
    endpoint: str

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name=REGION,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
        )

    def new_bucket(self, *, object_lock: bool = False) -> str:
        """A new, empty bucket with a name of its own; with `object_lock` as the README creates one (versioning
        and object lock on, a default retention in compliance mode)."""
        name = f"lis-test-{secrets.token_hex(6)}"
        client = self.client()
        client.create_bucket(
            Bucket=name,
            CreateBucketConfiguration={"LocationConstraint": REGION},
            ObjectLockEnabledForBucket=object_lock,
        )
        if object_lock:
            client.put_object_lock_configuration(
                Bucket=name,
                ObjectLockConfiguration={
                    "ObjectLockEnabled": "Enabled",
                    "Rule": {"DefaultRetention": {"Mode": "COMPLIANCE", "Days": 1}},
                },
            )
        return name


@dataclasses.dataclass
class ObjectStore:
    """One bucket on the server, configured as the installation's write-once storage."""

    server: S3Server
    bucket: str
    prefix: str = ""

    def __post_init__(self):
        self.client = self.server.client()

    def storage_setting(self) -> dict:
        return {
            "BACKEND": "isms.storage_s3.WriteOnceS3Storage",
            "OPTIONS": {
                "bucket_name": self.bucket,
                "location": self.prefix,
                "endpoint_url": self.server.endpoint,
                "region_name": REGION,
                "access_key": ACCESS_KEY,
                "secret_key": SECRET_KEY,
            },
        }

    def env(self) -> dict[str, str]:
        """The environment that makes a subprocess (manage.py, scripts/…) use this bucket."""
        return {
            "STORAGE_BUCKET": self.bucket,
            "STORAGE_PREFIX": self.prefix,
            "STORAGE_ENDPOINT_URL": self.server.endpoint,
            "STORAGE_REGION": REGION,
            "STORAGE_ACCESS_KEY_ID": ACCESS_KEY,
            "STORAGE_SECRET_ACCESS_KEY": SECRET_KEY,
        }

    def key(self, name: str) -> str:
        return f"{self.prefix}/{name}" if self.prefix else name

    def read(self, name: str) -> bytes:
        return self.client.get_object(Bucket=self.bucket, Key=self.key(name))["Body"].read()

    def write_behind_the_apps_back(self, name: str, data: bytes) -> None:
        self.client.put_object(Bucket=self.bucket, Key=self.key(name), Body=data)

    def keys(self) -> list[str]:
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket)
        return sorted(entry["Key"] for page in pages for entry in page.get("Contents", ()))

    def override(self):
        return override_settings(STORAGES={**settings.STORAGES, "archive": self.storage_setting()})


@pytest.fixture(scope="session")
def s3_server():
    """moto's S3 server on a free loopback port for the whole run; skipped when moto[server] is not installed."""
    moto_server = pytest.importorskip("moto.server", reason="moto[server] is a test dependency: run scripts/setup")
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()  # returns once the server accepts connections
    host, port = server.get_host_and_port()
    try:
        yield S3Server(endpoint=f"http://{host}:{port}")
    finally:
        server.stop()


@pytest.fixture
def object_store(s3_server):
    """A new bucket on the test S3 server, and the write-once storage pointed at it for the test."""
    store = ObjectStore(server=s3_server, bucket=s3_server.new_bucket(), prefix="lis")
    with store.override():
        yield store
