"""A review's dates that must agree with its plan year: the cut-off date lies from 1 January of the year before the
plan year through 31 December of the plan year, on every path (the details form, the services, the admin); and
decisions at approval whose due date has already passed are accepted with a Swedish warning, not refused."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from isms.models import Role
from registry.models import Action
from reviews import services
from reviews.compiler import review_fingerprint
from reviews.models import Decision, ManagementReview, ReviewStatus
from tests.formdata import form_data
from tests.registry.plan_builders import member
from tests.reviews.sample import build_sample_review

pytestmark = pytest.mark.django_db
D = datetime.date
REFUSED = (
    "Ange ett brytdatum från 2023-01-01 till 2024-12-31: siffrorna i genomgången för 2024 räknas per ett datum under "
    "året före planåret eller under planåret."
)


@pytest.fixture
def review():
    """The sample organisation's 2024 draft, cut off at 2023-11-15."""
    return build_sample_review("aor")


@pytest.fixture
def users(review):
    return {role: member(review.organisation, role, username=f"u_{role}") for role in Role.values}


def signed_in(user) -> Client:
    browser = Client()
    browser.force_login(user)
    return browser


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def save_cutoff(coordinator, review, cutoff: str):
    url = reverse("reviews:settings", args=[review.pk])
    data = form_data(coordinator.get(url).context["form"])
    data.update(cutoff_date=cutoff, follow_up_end="")
    return coordinator.post(url, data)


@pytest.mark.parametrize("cutoff", ["2021-06-01", "2022-12-31", "2025-01-01"])
def test_a_cutoff_outside_the_plan_years_range_is_refused_on_its_field(review, users, cutoff):
    response = save_cutoff(signed_in(users[Role.COORDINATOR]), review, cutoff)

    assert response.status_code == 200
    assert response.context["form"].errors["cutoff_date"] == [REFUSED]
    review.refresh_from_db()
    assert review.cutoff_date == D(2023, 11, 15) and review.version == 1


@pytest.mark.parametrize("cutoff", ["2023-01-01", "2024-12-31"])
def test_a_cutoff_on_either_end_of_the_range_is_saved(review, users, cutoff):
    response = save_cutoff(signed_in(users[Role.COORDINATOR]), review, cutoff)

    assert response.status_code == 302
    review.refresh_from_db()
    assert review.cutoff_date.isoformat() == cutoff


def test_the_service_refuses_it_too(review, users):
    with pytest.raises(ValidationError) as refused:
        services.review_update(review=review, user=users[Role.COORDINATOR], cutoff_date=D(2019, 11, 15))
    assert refused.value.message_dict == {"cutoff_date": [REFUSED]}
    assert ManagementReview.objects.get(pk=review.pk).cutoff_date == D(2023, 11, 15)


def test_the_admin_refuses_it_too(review, django_user_model):
    admin = signed_in(django_user_model.objects.create_superuser("forvaltare"))
    url = reverse("admin:reviews_managementreview_change", args=[review.pk])
    page = admin.get(url)
    data = form_data(page.context["adminform"].form)
    for inline in page.context["inline_admin_formsets"]:
        data.update(form_data(inline.formset.management_form))
        for form in inline.formset.forms:
            data.update(form_data(form))
    data["cutoff_date"] = "2019-11-15"

    response = admin.post(url, data)

    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    assert ManagementReview.objects.get(pk=review.pk).cutoff_date == D(2023, 11, 15)


def test_a_draft_saved_before_the_rule_with_a_cutoff_out_of_range_is_not_submitted_until_corrected(review, users):
    ManagementReview.objects.filter(pk=review.pk).update(cutoff_date=D(2019, 11, 15))
    coordinator = signed_in(users[Role.COORDINATOR])

    response = coordinator.post(reverse("reviews:submit", args=[review.pk]))

    assert response.status_code == 302
    assert messages_of(response) == [f"Rätta först uppgifterna om genomgången (Uppgifter): {REFUSED}"]
    assert ManagementReview.objects.get(pk=review.pk).status == ReviewStatus.DRAFT


def approve(head, review, rows):
    data = {
        "decisions-TOTAL_FORMS": str(len(rows)),
        "decisions-INITIAL_FORMS": "0",
        "decisions-MIN_NUM_FORMS": "0",
        "decisions-MAX_NUM_FORMS": "30",
        "confirm": "on",
        "fingerprint": review_fingerprint(review),
    }
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"decisions-{index}-{name}"] = "on" if value is True else str(value)
    return head.post(reverse("reviews:approve", args=[review.pk]), data, follow=True)


def test_a_decision_due_on_a_date_already_passed_is_accepted_with_a_warning(review, users):
    services.review_submit(review=review, user=users[Role.COORDINATOR])
    rows = [
        {"text": "Slutför klassningen av alla system.", "owner": "IT-chef", "due_date": "2099-06-30"},
        {
            "text": "Inför e-utbildning för alla chefer.",
            "owner": "HR",
            "due_date": "2020-03-31",
            "create_action": True,
            "action_plan_year": 2024,
        },
    ]

    response = approve(signed_in(users[Role.HEAD]), review, rows)

    review.refresh_from_db()
    assert review.status == ReviewStatus.APPROVED
    assert [d.due_date for d in Decision.objects.filter(review=review).order_by("position")] == [
        D(2099, 6, 30),
        D(2020, 3, 31),
    ]
    assert Action.objects.get(decision__review=review).due_date == D(2020, 3, 31)
    warnings = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert warnings == [
        "Beslut 2 har datumet 2020-03-31 för klart senast, och det hade redan passerat när genomgången "
        "fastställdes. Kontrollera datumet; om beslutet skapade en åtgärd, rätta åtgärdens datum i åtgärdsplanen."
    ]


def test_decisions_due_today_or_later_give_no_warning(review, users):
    services.review_submit(review=review, user=users[Role.COORDINATOR])
    today = timezone.localdate().isoformat()

    response = approve(signed_in(users[Role.HEAD]), review, [{"text": "Beslut i dag", "due_date": today}])

    assert [m for m in response.context["messages"] if m.level_tag == "warning"] == []
