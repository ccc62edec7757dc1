"""The verification page /verify/: open without signing in, true for the stored approved PDF, false for anything else."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from isms import throttle
from reviews import services, views_verify

pytestmark = pytest.mark.django_db

FOUND = "Dokumentet är en fastställd Ledningens genomgång"
NOT_FOUND = "Ingen fastställd genomgång har detta innehåll"


@pytest.fixture(autouse=True)
def one_rate_window(monkeypatch):
    """The rate limit's clock stands still, so a test's lookups never straddle two windows."""
    moment = throttle.now()
    monkeypatch.setattr(throttle, "now", lambda: moment)


@pytest.fixture
def stored(approved_review) -> bytes:
    with approved_review.pdf.open("rb") as f:
        return f.read()


def _upload(client, data: bytes, name="genomgang.pdf"):
    return client.post("/verify/", {"pdf": SimpleUploadedFile(name, data, content_type="application/pdf")})


def test_the_page_is_open_without_signing_in(client):
    response = client.get("/verify/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Verifiera ledningens genomgång" in body
    assert 'enctype="multipart/form-data"' in body
    assert "Content-Security-Policy" in response


def test_the_stored_file_verifies_by_upload(client, stored, approved_review):
    response = _upload(client, stored)
    assert response.status_code == 200
    body = response.content.decode()
    assert FOUND in body
    assert approved_review.organisation.name in body
    assert "Eva Öhrström, Förvaltningschef" in body
    assert approved_review.pdf_sha256 in body
    assert ">2024<" in body  # plan year
    assert NOT_FOUND not in body


def test_the_time_is_shown_in_swedish_time(client, approved_review, people):
    import datetime
    import zoneinfo

    from reviews.models import ManagementReview

    # Only the demo back-dates; here the stored time is shown as Europe/Stockholm wall-clock time.
    at = ManagementReview.objects.get(pk=approved_review.pk).approved_at
    local = at.astimezone(zoneinfo.ZoneInfo("Europe/Stockholm"))
    body = client.get("/verify/", {"sha256": approved_review.pdf_sha256}).content.decode()
    assert local.strftime("%Y-%m-%d %H:%M") in body
    assert isinstance(at, datetime.datetime)


def test_the_stored_file_verifies_by_hash_in_either_case(client, approved_review):
    for value in (approved_review.pdf_sha256, approved_review.pdf_sha256.upper()):
        response = client.get("/verify/", {"sha256": value})
        assert response.status_code == 200
        assert FOUND in response.content.decode()


def test_a_changed_file_does_not_verify(client, stored):
    flipped = bytearray(stored)
    flipped[len(flipped) // 2] ^= 0x01  # one bit of one byte
    changed = bytes(flipped)
    body = _upload(client, changed).content.decode()
    assert NOT_FOUND in body and FOUND not in body
    assert hashlib.sha256(changed).hexdigest() in body

    appended = stored + b"\n% one more line\n"
    assert NOT_FOUND in _upload(client, appended).content.decode()


def test_a_draft_never_verifies(client, people):
    from reviews.pdf import render_review_pdf

    draft = render_review_pdf(people.review)
    body = _upload(client, draft).content.decode()
    assert NOT_FOUND in body


def test_an_unknown_hash_does_not_verify(client, approved_review):
    response = client.get("/verify/", {"sha256": "0" * 64})
    assert response.status_code == 200
    assert NOT_FOUND in response.content.decode()


@pytest.mark.parametrize("value", ["abc", "g" * 64, "0" * 63, "0" * 65, "", "<script>" + "0" * 56])
def test_an_invalid_hash_is_refused(client, value):
    response = client.get("/verify/", {"sha256": value})
    assert response.status_code == 400
    body = response.content.decode()
    assert "64 tecken" in body
    assert "<script>" not in body


def test_a_file_that_is_not_a_pdf_is_refused(client):
    response = _upload(client, b"<html>not a pdf</html>", name="fake.pdf")
    assert response.status_code == 400
    assert "inte en PDF" in response.content.decode()


def test_no_file_is_refused(client):
    response = client.post("/verify/", {})
    assert response.status_code == 400
    assert "Välj en PDF-fil" in response.content.decode()


def test_a_file_over_the_limit_is_refused(client, monkeypatch):
    monkeypatch.setattr(views_verify, "MAX_UPLOAD_BYTES", 100)
    response = _upload(client, b"%PDF-1.7\n" + b"0" * 200)
    assert response.status_code == 413
    assert "större än 20 MB" in response.content.decode()


@pytest.fixture
def body_reads(monkeypatch):
    """Records each time a request's form body is parsed (request.POST or request.FILES first touched)."""
    from django.core.handlers.wsgi import WSGIRequest

    calls = []
    original = WSGIRequest._load_post_and_files

    def spy(request):
        calls.append(request.path)
        return original(request)

    monkeypatch.setattr(WSGIRequest, "_load_post_and_files", spy)
    return calls


def test_a_body_declared_over_the_limit_is_refused_unread(client, body_reads):
    # 150 MB declared, a few bytes sent: reading the body would fail in the test client (FakePayload).
    response = client.post(
        "/verify/", b"x" * 10, content_type="multipart/form-data; boundary=B", CONTENT_LENGTH=str(150 * 1024 * 1024)
    )
    assert response.status_code == 413
    body = response.content.decode()
    assert "större än 20 MB" in body and "Kontrollera en fil" in body
    assert body_reads == []


def test_the_upload_stops_being_read_at_the_limit(client, monkeypatch):
    monkeypatch.setattr(views_verify, "MAX_UPLOAD_BYTES", 100 * 1024)
    monkeypatch.setattr(views_verify, "MULTIPART_OVERHEAD_BYTES", 10 * 1024 * 1024)  # past the declared-size check
    received = []
    original = views_verify.UploadLimitHandler.receive_data_chunk

    def counting(handler, raw_data, start):
        received.append(len(raw_data))
        return original(handler, raw_data, start)

    monkeypatch.setattr(views_verify.UploadLimitHandler, "receive_data_chunk", counting)
    response = _upload(client, b"%PDF-1.7\n" + b"0" * (3 * 1024 * 1024))
    assert response.status_code == 413
    assert "större än 20 MB" in response.content.decode()
    assert sum(received) < 100 * 1024 + 2 * 64 * 1024  # stopped within a chunk of the limit, not at 3 MB
    payload = response.wsgi_request.environ["wsgi.input"]
    assert payload._FakePayload__content.tell() < 1024 * 1024  # the rest of the body was never read


def test_the_rate_limit_comes_before_the_body_is_read(client, settings, body_reads):
    settings.VERIFY_RATE_LIMIT = 1
    assert _upload(client, b"<html>not a pdf</html>").status_code == 400
    assert body_reads == ["/verify/"]
    response = client.post(
        "/verify/", b"x" * 10, content_type="multipart/form-data; boundary=B", CONTENT_LENGTH=str(150 * 1024 * 1024)
    )
    assert response.status_code == 429
    assert body_reads == ["/verify/"]  # the second upload was never parsed


def test_an_upload_still_needs_the_csrf_token(approved_review, stored):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/verify/", {"pdf": SimpleUploadedFile("g.pdf", stored, content_type="application/pdf")})
    assert response.status_code == 403
    page = strict.get("/verify/")
    token = page.cookies["csrftoken"].value if "csrftoken" in page.cookies else None
    assert token
    response = strict.post(
        "/verify/",
        {"pdf": SimpleUploadedFile("g.pdf", stored, content_type="application/pdf"), "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 200 and FOUND in response.content.decode()


def test_lookups_are_rate_limited_per_address(client, settings, approved_review):
    settings.VERIFY_RATE_LIMIT = 3
    for _ in range(3):
        assert client.get("/verify/", {"sha256": approved_review.pdf_sha256}).status_code == 200
    response = client.get("/verify/", {"sha256": approved_review.pdf_sha256})
    assert response.status_code == 429
    assert "Vänta 10 minuter" in response.content.decode()
    assert _upload(client, b"%PDF-1.7").status_code == 429
    assert client.get("/verify/").status_code == 200  # the empty form is not a lookup
    other = client.get("/verify/", {"sha256": approved_review.pdf_sha256}, REMOTE_ADDR="10.0.0.2")
    assert other.status_code == 200


def test_the_default_limit_is_thirty_per_ten_minutes():
    assert (views_verify.VERIFY_RATE_LIMIT, views_verify.VERIFY_RATE_WINDOW) == (30, 600)


def test_a_corrected_review_says_there_is_a_later_revision_once_it_is_approved(client, approved_review, people):
    from reviews.compiler import review_fingerprint

    revision = services.review_revise(review=approved_review, user=people.coordinator)
    body = client.get("/verify/", {"sha256": approved_review.pdf_sha256}).content.decode()
    assert FOUND in body
    assert "revision (2)" not in body and "rättats" not in body  # a draft is nobody's business here

    revision = services.review_submit(review=revision, user=people.coordinator)
    services.review_approve(
        review=revision, user=people.head, decisions=[], expected_fingerprint=review_fingerprint(revision)
    )
    body = client.get("/verify/", {"sha256": approved_review.pdf_sha256}).content.decode()
    assert FOUND in body
    assert "senare revision (2) har fastställts" in body


def test_only_get_and_post(client):
    assert client.put("/verify/").status_code == 405
