"""Shared test setup: files written by the code under test go to a temporary MEDIA_ROOT, never into the repository."""

import pytest
from django.test import override_settings

from tests.s3 import object_store, s3_server  # noqa: F401  (fixtures: an S3 server started by the tests)


@pytest.fixture(scope="session", autouse=True)
def session_media_root(tmp_path_factory):
    """A temporary MEDIA_ROOT for the whole run, so module-scoped fixtures that approve a review and store its PDF
    (e.g. through load_demo) write there too."""
    with override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media"))):
        yield


@pytest.fixture(autouse=True)
def media_root(session_media_root, tmp_path_factory):
    """Each test its own empty MEDIA_ROOT: approved PDFs are write-once and named by their hash, so two tests that
    approve identical reviews would otherwise meet each other's files."""
    path = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=str(path)):
        yield path
