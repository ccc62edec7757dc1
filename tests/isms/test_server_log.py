"""What the server log shows an operator, written by the console handler configured in settings.LOGGING: a refused
request (403, 400) is one line with its address, no traceback, so it does not read like a crash; an unhandled error
(500) keeps its traceback."""

import io
import logging

import pytest
from django.urls import reverse

from isms.models import Role
from tests.factories import organisation
from tests.registry.plan_builders import member, recommendation, report

pytestmark = pytest.mark.django_db


@pytest.fixture
def server_log():
    """The text the configured console handler writes while the test runs."""
    handler = next(h for h in logging.getLogger().handlers if h.name == "console")
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


@pytest.fixture
def eav():
    return organisation("eav")


def test_a_403_is_one_line_without_a_traceback(client, eav, server_log):
    rec = recommendation(eav, report(eav))
    client.force_login(member(eav, Role.READER))
    address = reverse("registry:recommendations:update", args=[rec.pk])

    response = client.get(address)

    assert response.status_code == 403
    assert server_log.getvalue() == f"Forbidden (Permission denied): {address}\n"


def test_a_400_is_one_line_without_a_traceback(client, eav, server_log):
    client.force_login(member(eav, Role.READER))

    response = client.get("/", HTTP_HOST="angripare.example")  # not in ALLOWED_HOSTS: SuspiciousOperation, 400

    assert response.status_code == 400
    assert "Traceback" not in server_log.getvalue()
    assert len(server_log.getvalue().splitlines()) == 1
    assert "angripare.example" in server_log.getvalue()


def test_a_500_keeps_its_traceback(client, eav, server_log, monkeypatch):
    from portal import views

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(views, "coverage_chart", broken)  # the start page fails half-way
    client.raise_request_exception = False
    client.force_login(member(eav, Role.READER))

    response = client.get("/")

    assert response.status_code == 500
    log = server_log.getvalue()
    assert log.startswith("Internal Server Error: /\nTraceback (most recent call last):")
    assert "RuntimeError: a bug" in log
