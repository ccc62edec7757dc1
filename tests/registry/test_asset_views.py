"""The information asset list: the classification in force shows beside each asset."""

import datetime
import re

import pytest
from django.utils import timezone

from isms.models import Role
from tests import factories

from .ui_support import member, signed_in

pytestmark = pytest.mark.django_db


def _row(page: str, name: str) -> str:
    """The list row (<tr>…</tr>) of the asset called `name`, tags removed, whitespace collapsed."""
    row = next(r for r in re.findall(r"<tr>.*?</tr>", page, re.S) if f">{name}<" in r)
    return " ".join(re.sub(r"<[^>]+>", " ", row).split())


def test_the_list_shows_each_assets_classification_in_force_and_flags_stale_incomplete_and_missing(client):
    org = factories.organisation()
    today = timezone.localdate()
    current = factories.system(org, name="Aktuellt system")
    factories.classify(current, today - datetime.timedelta(days=800), levels=(1, 1, 1, 1))  # the earlier one
    factories.classify(current, today - datetime.timedelta(days=30), levels=(3, 2, 4, 1))
    factories.classify(current, today + datetime.timedelta(days=5), levels=(4, 4, 4, 4))  # not yet in force
    stale = factories.system(org, name="Gammalt system")
    factories.classify(
        stale, today - datetime.timedelta(days=400), levels=(2, 2, 1, 2), next_review_due=today - datetime.timedelta(1)
    )
    incomplete = factories.system(org, name="Ofullständigt system")
    factories.classify(incomplete, today - datetime.timedelta(days=30), levels=(3, 2, 4, None))  # KLASSA: S needed
    both = factories.system(org, name="Gammalt ofullständigt system")
    factories.classify(
        both,
        today - datetime.timedelta(days=400),
        levels=(2, None, 1, 2),
        next_review_due=today - datetime.timedelta(1),
    )
    msb = factories.system(org, name="MSB-klassat system")
    factories.classify(msb, today - datetime.timedelta(days=30), levels=(1, 1, 1, None), method="msb")  # no S in MSB
    factories.system(org, name="Oklassat system")

    page = signed_in(client, member(org, Role.READER)).get("/registry/assets/").content.decode()

    assert _row(page, "Aktuellt system").endswith("K3 R2 T4 S1 2020-01-01")
    assert _row(page, "Gammalt system").endswith("K2 R2 T1 S2 Inaktuell 2020-01-01")
    assert _row(page, "Ofullständigt system").endswith("K3 R2 T4 S– ofullständig 2020-01-01")
    assert _row(page, "Gammalt ofullständigt system").endswith("K2 R– T1 S2 ofullständig 2020-01-01")
    assert _row(page, "MSB-klassat system").endswith("K1 R1 T1 2020-01-01")
    assert _row(page, "Oklassat system").endswith("Saknas 2020-01-01")


def test_an_asset_that_others_refer_to_is_not_deleted_and_says_what_refers_to_it(client):
    from registry.models import Action, InformationAsset, ProcessingActivity, Risk

    org = factories.organisation()
    asset = factories.system(org, name="Skolskjuts")
    factories.classify(asset, datetime.date(2024, 5, 1))
    record = ProcessingActivity.objects.create(organisation=org, name="Skolskjutsar", purposes="Planering")
    record.assets.add(asset)
    coordinator = signed_in(client, member(org, Role.COORDINATOR))

    detail = coordinator.get(f"/registry/assets/{asset.pk}/").content.decode()
    assert f"/registry/assets/{asset.pk}/delete/" not in detail  # no button that can only fail, but the reason
    assert "kan inte tas bort: 1 informationsklassning och 1 personuppgiftsbehandling" in detail
    assert f'href="/registry/processing/{record.pk}/"' in detail  # what refers to it, to unlink or retire
    response = coordinator.post(f"/registry/assets/{asset.pk}/delete/", follow=True)
    assert InformationAsset.objects.filter(pk=asset.pk).exists()
    assert asset.classifications.count() == 1 and list(record.assets.all()) == [asset]
    message = str(list(response.context["messages"])[0])
    assert message == (
        "Skolskjuts kan inte tas bort: 1 informationsklassning och 1 personuppgiftsbehandling hänvisar till den. "
        "Ändra status i stället, så finns allt kvar."
    )

    # An action a risk is treated with: the risk's link would vanish without a trace, so it stays too.
    action = Action.objects.create(organisation=org, plan_year=2024, title="Kryptera")
    Risk.objects.create(organisation=org, title="Läckage", likelihood=2, consequence=3).actions.add(action)
    coordinator.post(f"/registry/actions/{action.pk}/delete/")
    assert Action.objects.filter(pk=action.pk).exists()


def test_an_asset_nothing_refers_to_is_deleted(client):
    from registry.models import InformationAsset

    org = factories.organisation()
    asset = factories.system(org, name="Felregistrerad")
    coordinator = signed_in(client, member(org, Role.COORDINATOR))
    assert f"/registry/assets/{asset.pk}/delete/" in coordinator.get(f"/registry/assets/{asset.pk}/").content.decode()
    assert coordinator.post(f"/registry/assets/{asset.pk}/delete/").status_code == 302
    assert not InformationAsset.objects.filter(pk=asset.pk).exists()


def _classify_through_the_form(client, asset, **levels):
    from django.contrib.messages import get_messages
    from django.urls import reverse

    from tests.formdata import form_data

    url = reverse("registry:assets:classify", args=[asset.pk])
    data = form_data(client.get(url).context["form"])
    data.update(levels)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


def test_saving_an_incomplete_classification_warns_that_it_does_not_count(client):
    """KLASSA without S replaces a complete classification as the one in force and lowers coverage: the coordinator
    is told so, as a warning, naming the aspects not assessed."""
    org = factories.organisation()
    asset = factories.system(org, name="Lifecare")
    factories.classify(asset, timezone.localdate() - datetime.timedelta(days=60), levels=(3, 3, 2, 2))
    signed_in(client, member(org, Role.COORDINATOR))

    saved = _classify_through_the_form(
        client, asset, method="klassa4", confidentiality="3", integrity="3", availability="2", traceability=""
    )

    assert saved == [
        (
            "warning",
            "Klassningen av Lifecare sparades, men den är ofullständig: S är inte bedömd. Så länge den är den gällande "
            "klassningen räknas tillgången inte som klassad. Registrera en fullständig klassning för att den ska "
            "räknas.",
        )
    ]
    complete = _classify_through_the_form(
        client, asset, method="klassa4", confidentiality="3", integrity="3", availability="2", traceability="2"
    )
    assert complete == [("success", "Klassningen av Lifecare sparades.")]
