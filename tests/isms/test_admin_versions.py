"""Every write path moves a row's version and leaves history with its user, the Django admin included, and the admin
detects a conflict like the register forms do: a form opened before an admin edit is refused, and an admin change
form opened before another save is refused with a Swedish message, the saved row left as it was."""

import datetime
import html

import pytest
from django.test import Client
from django.urls import reverse

from isms.admin import ADMIN_CONFLICT_MESSAGE
from isms.models import ConflictError, Membership, Role
from registry.forms.base import CONFLICT_MESSAGE
from registry.models import Classification, InformationAsset
from tests.factories import classify, organisation, system
from tests.formdata import form_data

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def org():
    return organisation("eav")


@pytest.fixture
def admin_user(django_user_model):
    return django_user_model.objects.create_superuser("forvaltare", first_name="Förvaltare")


@pytest.fixture
def admin(admin_user):
    browser = Client()
    browser.force_login(admin_user)
    return browser


@pytest.fixture
def coordinator(django_user_model, org):
    user = django_user_model.objects.create_user("samordnare")
    Membership.objects.create(user=user, organisation=org, role=Role.COORDINATOR)
    browser = Client()
    browser.force_login(user)
    return browser


def admin_form_data(response) -> dict:
    """What the browser posts for an admin change page as shown: the main form and every inline formset."""
    data = form_data(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(form_data(formset.management_form))
        for form in formset.forms:
            data.update(form_data(form))
    data["_save"] = "Spara"
    return data


def test_an_admin_edit_moves_the_version_and_leaves_history_with_the_admin(admin, admin_user, org):
    asset = system(org, name="Lifecare")
    url = reverse("admin:registry_informationasset_change", args=[asset.pk])
    data = admin_form_data(admin.get(url))
    data["name"] = "Lifecare Procapita"

    response = admin.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    asset.refresh_from_db()
    assert (asset.name, asset.version, asset.updated_by) == ("Lifecare Procapita", 2, admin_user)
    latest = asset.history.latest()
    assert (latest.history_user, latest.version, latest.name) == (admin_user, 2, "Lifecare Procapita")


def test_a_register_form_opened_before_an_admin_edit_is_refused_with_the_conflict_message(admin, coordinator, org):
    asset = system(org, name="Lifecare")
    edit_url = reverse("registry:assets:update", args=[asset.pk])
    opened = form_data(coordinator.get(edit_url).context["form"])
    admin_url = reverse("admin:registry_informationasset_change", args=[asset.pk])
    data = admin_form_data(admin.get(admin_url))
    data["supplier"] = "Tietoevry"
    assert admin.post(admin_url, data).status_code == 302

    opened["name"] = "Lifecare (gammal flik)"
    refused = coordinator.post(edit_url, opened)

    assert refused.status_code == 200
    assert html.escape(str(CONFLICT_MESSAGE)) in refused.content.decode()
    asset.refresh_from_db()
    assert (asset.name, asset.supplier) == ("Lifecare", "Tietoevry")


def test_an_admin_form_opened_before_another_save_is_refused_in_swedish_and_changes_nothing(admin, coordinator, org):
    asset = system(org, name="Lifecare")
    admin_url = reverse("admin:registry_informationasset_change", args=[asset.pk])
    opened = admin_form_data(admin.get(admin_url))
    edit_url = reverse("registry:assets:update", args=[asset.pk])
    data = form_data(coordinator.get(edit_url).context["form"])
    data["supplier"] = "Tietoevry"
    assert coordinator.post(edit_url, data).status_code == 302

    opened["name"] = "Lifecare (från admin)"
    refused = admin.post(admin_url, opened)

    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Någon annan har sparat posten sedan du öppnade den" in page
    assert html.escape(str(ADMIN_CONFLICT_MESSAGE)) in page
    asset.refresh_from_db()
    assert (asset.name, asset.supplier, asset.version) == ("Lifecare", "Tietoevry", 2)


def test_an_inline_row_edited_in_the_admin_moves_its_version_and_a_stale_one_is_refused(admin, admin_user, org):
    asset = system(org, name="Lifecare")
    classification = classify(asset, D(2023, 3, 15))
    url = reverse("admin:registry_informationasset_change", args=[asset.pk])
    opened = admin_form_data(admin.get(url))
    prefix = "classifications-0-"
    assert opened[prefix + "opened_version"] == "1"

    data = dict(opened, **{prefix + "availability": "3"})
    assert admin.post(url, data).status_code == 302
    classification.refresh_from_db()
    assert (classification.availability, classification.version) == (3, 2)
    assert classification.history.latest().history_user == admin_user

    stale = dict(opened, **{prefix + "availability": "1"})  # the same page, opened before that save
    refused = admin.post(url, stale)
    assert refused.status_code == 200
    assert html.escape(str(ADMIN_CONFLICT_MESSAGE)) in refused.content.decode()
    classification.refresh_from_db()
    assert (classification.availability, classification.version) == (3, 2)


def test_an_inline_row_left_as_it_was_is_no_conflict(admin, org):
    asset = system(org, name="Lifecare")
    classification = classify(asset, D(2023, 3, 15))
    url = reverse("admin:registry_informationasset_change", args=[asset.pk])
    opened = admin_form_data(admin.get(url))
    Classification.objects.get(pk=classification.pk).save()  # someone else saves the classification meanwhile

    opened["supplier"] = "Tietoevry"  # the admin changes the asset only
    assert admin.post(url, opened).status_code == 302
    assert InformationAsset.objects.get(pk=asset.pk).supplier == "Tietoevry"


def test_every_save_moves_the_version_and_a_stale_copy_is_refused(org):
    asset = system(org, name="Lifecare")
    stale = InformationAsset.objects.get(pk=asset.pk)
    asset.supplier = "Tietoevry"
    asset.save()
    assert InformationAsset.objects.get(pk=asset.pk).version == asset.version == 2

    stale.name = "Skriver över"
    with pytest.raises(ConflictError):
        stale.save()
    assert stale.version == 1  # as it was read: nothing was saved
    assert InformationAsset.objects.get(pk=asset.pk).name == "Lifecare"


def test_a_save_that_meets_a_newer_version_after_the_form_was_checked_is_rolled_back_and_reported(
    admin, org, monkeypatch
):
    from django.db.models import F

    from registry.admin import InformationAssetAdmin

    asset = system(org, name="Lifecare")
    url = reverse("admin:registry_informationasset_change", args=[asset.pk])
    data = admin_form_data(admin.get(url))
    data["name"] = "Lifecare (från admin)"
    save_model = InformationAssetAdmin.save_model

    def someone_saves_first(self, request, obj, form, change):
        # Stands in for another save committed between the form's check and this save (it is rolled back with the
        # admin's transaction here, which a real one would not be).
        InformationAsset.objects.filter(pk=obj.pk).update(version=F("version") + 1)
        save_model(self, request, obj, form, change)

    monkeypatch.setattr(InformationAssetAdmin, "save_model", someone_saves_first)
    response = admin.post(url, data, follow=True)

    assert response.redirect_chain[0] == (url, 302)
    assert str(ADMIN_CONFLICT_MESSAGE) in [str(m) for m in response.context["messages"]]
    asset.refresh_from_db()
    assert (asset.name, asset.version) == ("Lifecare", 1)


def test_a_row_added_in_the_admin_starts_at_version_1_with_its_creator(admin, admin_user, org):
    url = reverse("admin:registry_informationasset_add")
    data = admin_form_data(admin.get(url))
    data.update(organisation=str(org.pk), name="Phoniro Care", in_use_from="2023-03-01")

    response = admin.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    asset = InformationAsset.objects.get(name="Phoniro Care")
    assert (asset.version, asset.created_by, asset.updated_by) == (1, admin_user, admin_user)
    assert asset.history.get().history_user == admin_user


def test_reverting_a_register_row_in_the_admin_saves_over_the_stored_version(admin, admin_user, org):
    """simple_history's revert writes an old state over the row: it used to meet its own old version number in the
    model's save (a server error); now it saves, moves the version past the stored one, and records the admin."""
    asset = system(org, name="Procapita")
    first = asset.history.latest("history_date")
    asset.name = "Procapita 2"
    asset.save()
    url = reverse("admin:registry_informationasset_simple_history", args=[asset.pk, first.history_id])
    page = admin.get(url)
    assert page.status_code == 200

    data = form_data(page.context["adminform"].form)
    response = admin.post(url, data)

    assert response.status_code == 302
    asset.refresh_from_db()
    assert asset.name == "Procapita"
    assert asset.version == 3
    assert asset.history.latest("history_date").history_user == admin_user
