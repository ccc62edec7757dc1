"""The error pages, in Swedish with what to do: 404 (no such page, or another organisation's row), 403 (the role may
not), 403 for a form without a valid CSRF token (mostly an expired session), and 500, which needs neither a request
nor the database. pytest-django runs with DEBUG off, as production does, so these are the pages users get."""

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from isms.models import Role
from tests.factories import organisation
from tests.registry.plan_builders import member, recommendation, report

pytestmark = pytest.mark.django_db


@pytest.fixture
def eav():
    return organisation("eav")


def test_debug_is_off():
    assert settings.DEBUG is False


def test_a_missing_page_says_so_in_swedish(client, eav):
    client.force_login(member(eav, Role.READER))

    response = client.get("/finns-inte/")

    assert response.status_code == 404
    page = response.content.decode()
    assert "Sidan finns inte – LIS-portalen" in page
    assert "Sidan du försökte öppna finns inte." in page
    assert "byt organisation och försök igen" in page
    assert f'href="{reverse("home")}">Till startsidan</a>' in page
    assert "Förvaltning eav" in page  # the usual header: who and where


def test_another_organisations_row_is_the_same_404_page(client, eav):
    hsv_rec = recommendation(organisation("hsv"))
    client.force_login(member(eav, Role.COORDINATOR))

    response = client.get(reverse("registry:recommendations:detail", args=[hsv_rec.pk]))

    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()


def test_an_anonymous_visitor_gets_the_404_page_too(client):
    response = client.get("/finns-inte/")

    assert response.status_code == 404
    assert "Sidan du försökte öppna finns inte." in response.content.decode()


def test_a_forbidden_action_says_so_and_names_the_role(client, eav):
    rec = recommendation(eav, report(eav))
    client.force_login(member(eav, Role.READER))

    for response in (
        client.get(reverse("registry:recommendations:update", args=[rec.pk])),
        client.post(reverse("registry:recommendations:delete", args=[rec.pk])),
    ):
        assert response.status_code == 403
        page = response.content.decode()
        assert "Du har inte behörighet att göra detta – LIS-portalen" in page
        assert "ingenting har ändrats" in page
        assert "Du är inloggad med rollen Läsare i Förvaltning eav." in page
        assert "kontakta informationssäkerhetssamordnaren." in page
        assert "förvaltaren" not in page
        assert "Till startsidan" in page


def test_a_coordinator_refused_is_told_to_ask_the_administrator_not_the_coordinator(client, eav):
    """A report also addressed to an organisation where the coordinator is not coordinator: its common fields are
    not theirs to change. They are the coordinator, so the page sends them to the installation's administrator."""
    shared = report(eav, organisation("hsv"))
    client.force_login(member(eav, Role.COORDINATOR))

    response = client.get(reverse("registry:reports:update", args=[shared.pk]))

    assert response.status_code == 403
    page = response.content.decode()
    assert "Du är inloggad med rollen Informationssäkerhetssamordnare i Förvaltning eav." in page
    assert "kontakta förvaltaren av LIS-portalen." in page
    assert "kontakta informationssäkerhetssamordnaren" not in page


def test_a_form_without_a_valid_csrf_token_says_what_to_do(eav):
    client = Client(enforce_csrf_checks=True)
    user = member(eav, Role.COORDINATOR)
    client.force_login(user)

    response = client.post(reverse("registry:actions:create"), {"plan_year": 2024, "title": "Åtgärd"})

    assert response.status_code == 403
    page = response.content.decode()
    assert "Formuläret kunde inte skickas – LIS-portalen" in page
    assert "din session har gått ut" in page
    assert "Gå tillbaka till formuläret och ladda om sidan." in page
    assert "Till startsidan" in page
    assert "Content-Security-Policy" in response


def test_the_login_form_without_a_csrf_cookie_gets_the_same_page():
    response = Client(enforce_csrf_checks=True).post("/accounts/login/", {"username": "a", "password": "b"})

    assert response.status_code == 403
    assert "Formuläret kunde inte skickas" in response.content.decode()


def test_the_500_page_needs_no_request_context_and_no_database(django_assert_num_queries):
    request = RequestFactory().get("/")  # no session, no user, no organisation

    with django_assert_num_queries(0):
        response = server_error(request)

    assert response.status_code == 500
    page = response.content.decode()
    assert "<title>Något gick fel – LIS-portalen</title>" in page
    assert "Ett fel uppstod i LIS-portalen och sidan kunde inte visas." in page
    assert "kontrollera om den sparades" in page
    assert 'href="/">Till startsidan</a>' in page
    assert '<link rel="stylesheet" href="/static/css/app.css">' in page  # the app's own look, no inline styles
    assert "<script" not in page and "style=" not in page


def test_an_unhandled_error_gets_the_500_page(client, eav, monkeypatch):
    from portal import views

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(views, "coverage_chart", broken)  # the start page fails half-way
    client.raise_request_exception = False
    client.force_login(member(eav, Role.READER))

    response = client.get("/")

    assert response.status_code == 500
    assert "Något gick fel" in response.content.decode()


def test_a_form_buttons_address_opened_directly_says_so_in_swedish(client, eav):
    rec = recommendation(eav)
    client.force_login(member(eav, Role.COORDINATOR))

    response = client.get(reverse("registry:recommendations:comment", args=[rec.pk]))

    assert response.status_code == 405
    assert "POST" in response["Allow"]
    page = response.content.decode()
    assert "Adressen öppnas inte direkt" in page and "inget har ändrats" in page
    assert f'href="{reverse("home")}">Till startsidan</a>' in page


def test_opening_the_sign_out_address_asks_first_and_signing_out_takes_a_post(client, eav):
    client.force_login(member(eav, Role.READER))

    page = client.get("/accounts/logout/").content.decode()
    assert "Vill du logga ut från LIS-portalen?" in page
    assert '<form method="post" action="/accounts/logout/">' in page
    assert client.get("/").status_code == 200  # still signed in: a GET never signs out

    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/accounts/logout/")["Location"] == reverse(settings.LOGIN_URL)
