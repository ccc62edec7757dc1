"""A deactivated user is signed out everywhere at their next request, and reactivating them signs nobody back in:
through the admin (the sessions are deleted when the user is saved) and through a bulk update that saves no user
(the session is ended at its next request)."""

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from isms.models import Membership, Role
from tests.factories import organisation
from tests.formdata import form_data

pytestmark = pytest.mark.django_db

INACTIVE = "ditt konto inte längre är aktivt"


@pytest.fixture
def user(django_user_model):
    made = django_user_model.objects.create_user("samordnare", password="x")
    Membership.objects.create(user=made, organisation=organisation("eav"), role=Role.COORDINATOR)
    return made


def browser(user) -> Client:
    """A signed-in browser of its own (each has its own session)."""
    client = Client()
    client.force_login(user)
    assert client.get("/").status_code == 200
    return client


def sessions_of(user) -> int:
    return sum(1 for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(user.pk))


def set_active_in_admin(admin, user, active: bool):
    url = reverse("admin:auth_user_change", args=[user.pk])
    data = form_data(admin.get(url).context["adminform"].form)
    data.pop("is_active", None)
    if active:
        data["is_active"] = "on"
    response = admin.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    user.refresh_from_db()
    assert user.is_active is active


def signed_out(client) -> bool:
    response = client.get("/")
    return response.status_code == 302 and response.url.startswith(reverse("login"))


def test_deactivating_in_the_admin_signs_the_user_out_everywhere_and_reactivating_does_not_sign_in(
    user, django_user_model
):
    office, phone = browser(user), browser(user)
    admin = Client()
    admin.force_login(django_user_model.objects.create_superuser("admin", "admin@example.se", "x"))
    assert sessions_of(user) == 2

    set_active_in_admin(admin, user, False)
    assert sessions_of(user) == 0
    assert admin.get(reverse("admin:index")).status_code == 200  # the admin's own session stays

    set_active_in_admin(admin, user, True)
    assert signed_out(office) and signed_out(phone)


def test_a_bulk_deactivation_ends_the_session_at_the_next_request(user, django_user_model):
    client = browser(user)
    django_user_model.objects.filter(pk=user.pk).update(is_active=False)  # no save, no signal

    response = client.get("/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert INACTIVE in client.get(response.url).content.decode()

    django_user_model.objects.filter(pk=user.pk).update(is_active=True)
    assert signed_out(client)


def test_saving_an_active_user_keeps_their_sessions(user):
    client = browser(user)
    user.first_name = "Sara"
    user.save()
    assert client.get("/").status_code == 200


def test_a_deactivation_that_cannot_read_the_sessions_still_signs_the_user_out(user, settings):
    """manage.py shell without SECRET_KEY in the environment gets a random key: the stored sessions cannot be
    decoded, so none is deleted; reactivating the user before their next request must not let the old session in."""
    office = browser(user)
    key = settings.SECRET_KEY
    settings.SECRET_KEY = "a random key, as a management command gets without SECRET_KEY"
    user.is_active = False
    user.save()
    settings.SECRET_KEY = key
    assert sessions_of(user) == 1  # unreadable then, so still stored

    user.is_active = True
    user.save()

    response = office.get("/")
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert "ditt konto inaktiverades efter att du loggade in" in office.get(response.url).content.decode()
    assert browser(user).get("/").status_code == 200  # signing in again works


def test_a_session_that_signed_in_after_a_reactivation_stays(user):
    user.is_active = False
    user.save()
    user.is_active = True
    user.save()
    client = browser(user)
    assert client.get("/").status_code == 200
    assert client.get("/").status_code == 200
