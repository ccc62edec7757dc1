"""Sign-in: throttling per username and address (django-axes), idle and absolute session timeouts, logout by POST."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from isms import security
from isms.models import Membership, Role
from tests.factories import organisation

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
PASSWORD = "Rätt-lösenord-2024"


@pytest.fixture
def axes_on(settings):
    """django-axes is off under pytest unless switched on; these tests switch it on."""
    settings.AXES_ENABLED = True
    return settings


@pytest.fixture
def users(django_user_model):
    org = organisation("eav")
    made = {}
    for name in ("samordnare", "lasare"):
        made[name] = django_user_model.objects.create_user(name, password=PASSWORD)
        Membership.objects.create(user=made[name], organisation=org, role=Role.COORDINATOR)
    return made


def sign_in(client, username, password=PASSWORD, address="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_the_sign_in_page_is_swedish(client):
    page = client.get(LOGIN).content.decode()

    assert "Logga in" in page
    assert 'lang="sv"' in page


def test_a_correct_password_signs_in_and_a_wrong_one_says_so_in_swedish(client, users):
    wrong = sign_in(client, "samordnare", "fel")
    assert wrong.status_code == 200
    assert "användarnamn" in wrong.content.decode().lower()

    right = sign_in(client, "samordnare")
    assert right.status_code == 302
    assert right.url == "/"


def test_five_failures_lock_that_user_from_that_address_only(client, users, axes_on):
    for attempt in range(1, 5):
        assert sign_in(client, "samordnare", "fel").status_code == 200, attempt
    fifth = sign_in(client, "samordnare", "fel")
    assert fifth.status_code == 429

    # Now even the right password is refused for that user from that address ...
    locked = sign_in(client, "samordnare")
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    page = locked.content.decode()
    assert "Inloggningen är tillfälligt spärrad" in page
    assert "Försök igen tidigast kl." in page
    assert "om 15 minuter" in page

    # ... but another user from the same address signs in,
    assert sign_in(client, "lasare").status_code == 302
    client.logout()
    # and the same user from another address too.
    assert sign_in(client, "samordnare", address="10.0.0.2").status_code == 302


def test_a_lockout_ends_after_the_cool_off(client, users, axes_on):
    for _ in range(5):
        sign_in(client, "samordnare", "fel")
    assert sign_in(client, "samordnare").status_code == 429

    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.first().attempt_time.replace(year=2000))

    assert sign_in(client, "samordnare").status_code == 302


def test_a_successful_sign_in_resets_the_failure_count(client, users, axes_on):
    for _ in range(4):
        sign_in(client, "samordnare", "fel")
    assert sign_in(client, "samordnare").status_code == 302
    client.logout()
    for _ in range(4):
        assert sign_in(client, "samordnare", "fel").status_code == 200


# Session timeouts. The middleware reads the clock through isms.security.now(); the tests move it.


@pytest.fixture
def clock(monkeypatch):
    class Clock:
        t = 1_800_000_000.0

        def advance(self, seconds):
            self.t += seconds

    c = Clock()
    monkeypatch.setattr(security, "now", lambda: c.t)
    return c


def signed_in(client, users):
    client.force_login(users["samordnare"])
    return client


def test_thirty_minutes_without_a_request_sign_the_user_out(client, users, clock):
    signed_in(client, users)
    assert client.get("/").status_code == 200

    clock.advance(29 * 60)
    assert client.get("/").status_code == 200  # activity restarts the idle clock ...
    clock.advance(29 * 60)
    assert client.get("/").status_code == 200

    clock.advance(30 * 60 + 1)  # ... and more than 30 minutes of silence ends the session
    response = client.get("/")
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next=/"
    assert "_auth_user_id" not in client.session
    page = client.get(response.url).content.decode()
    assert "inte har varit aktiv på 30 minuter" in page


def test_eight_hours_after_sign_in_the_session_ends_however_active(client, users, clock):
    signed_in(client, users)
    for _ in range(8 * 3):  # a request every 20 minutes for 8 hours
        assert client.get("/").status_code == 200
        clock.advance(20 * 60)
    clock.advance(60)  # 8 h 1 min after sign-in, the last request 21 minutes ago
    response = client.get("/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert "varit inloggad i 8 timmar" in client.get(response.url).content.decode()


def test_a_new_sign_in_starts_both_clocks_again(client, users, clock):
    signed_in(client, users)
    clock.advance(31 * 60)
    client.get("/")
    signed_in(client, users)
    assert client.get("/").status_code == 200


def test_logout_is_a_post_and_ends_the_session(client, users):
    signed_in(client, users)
    assert client.get("/accounts/logout/").status_code == 200  # a page with the sign-out button
    assert "_auth_user_id" in client.session

    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert client.get("/").status_code == 302


def test_after_signing_out_the_sign_in_page_says_so(client, users):
    signed_in(client, users)

    response = client.post("/accounts/logout/", follow=True)

    assert response.redirect_chain[-1][0] == "/accounts/login/"
    assert "Du är utloggad." in response.content.decode()
    assert "Du är utloggad." not in client.get("/accounts/login/").content.decode()  # shown once


def test_the_header_has_the_logout_form(client, users):
    page = signed_in(client, users).get("/").content.decode()

    assert 'action="/accounts/logout/"' in page
    assert "Logga ut" in page


def test_behind_a_proxy_the_lockout_follows_the_forwarded_client_address(client, users, axes_on):
    axes_on.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "192.168.1.1"}

    def attempt(password, forwarded):
        data = {"username": "samordnare", "password": password}
        return client.post(LOGIN, data, HTTP_X_FORWARDED_FOR=forwarded, **proxy)

    for _ in range(5):
        attempt("fel", "spoofed, 10.0.0.1")  # the proxy appended 10.0.0.1; "spoofed" came from the client
    assert attempt(PASSWORD, "10.0.0.1").status_code == 429
    assert attempt(PASSWORD, "10.0.0.2").status_code == 302
