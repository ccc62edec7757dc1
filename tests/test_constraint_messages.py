"""Every named database constraint of the project's models says in Swedish what to fix when a form (the admin's
among them) breaks it, instead of Django's "Begränsningen “incident_occurred_before_aware” överträds."."""

import datetime

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from registry.models import Incident
from tests.factories import organisation
from tests.formdata import form_data

PROJECT_APPS = {"isms", "registry", "reviews"}


def constraints():
    for model in apps.get_models():
        if model._meta.app_label in PROJECT_APPS:
            for constraint in model._meta.constraints:
                yield model, constraint


def test_the_project_has_named_constraints():
    assert len(list(constraints())) > 40


@pytest.mark.parametrize(
    "model, constraint", list(constraints()), ids=lambda c: getattr(c, "name", getattr(c, "__name__", ""))
)
def test_every_constraint_has_its_own_message_in_swedish(model, constraint):
    message = constraint.violation_error_message
    assert message is not None and message != constraint.default_violation_error_message, constraint.name
    with translation.override("sv"):
        swedish = str(message)
    with translation.override("en"):
        english = str(message)
    assert swedish != english, f"{constraint.name}: {english!r} has no Swedish text"
    assert constraint.name not in swedish


@pytest.mark.django_db
def test_the_admin_says_what_to_fix_when_an_incident_breaks_a_constraint(django_user_model):
    org = organisation("eav")
    admin = Client()
    admin.force_login(django_user_model.objects.create_superuser("forvaltare"))
    url = reverse("admin:registry_incident_add")
    data = form_data(admin.get(url).context["adminform"].form)
    del data["assets"]
    aware = timezone.localtime(timezone.now() - datetime.timedelta(days=2))
    occurred = aware + datetime.timedelta(hours=3)  # after it was discovered: incident_occurred_before_aware
    data.update(
        organisation=str(org.pk),
        title="Fel ordning",
        became_aware_at_0=aware.strftime("%Y-%m-%d"),
        became_aware_at_1=aware.strftime("%H:%M"),
        occurred_at_0=occurred.strftime("%Y-%m-%d"),
        occurred_at_1=occurred.strftime("%H:%M"),
    )

    response = admin.post(url, data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Tidpunkten då incidenten inträffade kan inte ligga efter tidpunkten då den upptäcktes." in page
    assert "incident_occurred_before_aware" not in page and "Begränsningen" not in page
    assert not Incident.objects.exists()
