"""The management review in the Django admin follows the workflow: an approved review and its sections are read-only,
its history is never reverted (a refusal, not a server error), a review in review cannot be edited, and a draft is
never reverted into a version that was in review."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from reviews import services
from reviews.models import ManagementReview, ReviewSection, ReviewStatus
from tests.formdata import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", "admin@example.se", "x")
    client.force_login(admin)
    client.admin = admin
    return client


def change_url(review):
    return reverse("admin:reviews_managementreview_change", args=[review.pk])


def history_url(review):
    return reverse("admin:reviews_managementreview_history", args=[review.pk])


def revert_url(review, version):
    return reverse("admin:reviews_managementreview_simple_history", args=[review.pk, version.history_id])


def change_form_data(response) -> dict:
    """The admin change page's form and inline formsets as the browser would post them unchanged."""
    data = form_data(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        data |= form_data(inline.formset.management_form)
        for form in inline.formset.forms:
            data |= form_data(form)
    return data


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_reverting_an_approved_review_is_refused_not_a_server_error(admin_client, approved_review):
    draft_version = approved_review.history.filter(status=ReviewStatus.DRAFT).earliest("history_date")
    page = admin_client.get(revert_url(approved_review, draft_version))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()  # shown, with no revert button

    response = admin_client.post(revert_url(approved_review, draft_version), {})
    assert response.status_code == 302 and response.url == history_url(approved_review)
    assert "Genomgången är fastställd och kan inte ändras." in messages_of(response)[0]
    stored = ManagementReview.objects.get(pk=approved_review.pk)
    assert stored.status == ReviewStatus.APPROVED and stored.pdf_sha256 == approved_review.pdf_sha256


def test_an_approved_review_and_its_sections_are_read_only(admin_client, approved_review):
    page = admin_client.get(change_url(approved_review))
    assert page.status_code == 200
    assert not page.context["has_change_permission"]
    assert 'name="sections-0-narrative"' not in page.content.decode()
    response = admin_client.post(change_url(approved_review), {"title": "Ändrad"})
    assert response.status_code == 403
    assert (
        admin_client.post(
            reverse("admin:reviews_managementreview_delete", args=[approved_review.pk]), {"post": "yes"}
        ).status_code
        == 403
    )


def test_bulk_delete_refuses_an_approved_review(admin_client, approved_review):
    response = admin_client.post(
        reverse("admin:reviews_managementreview_changelist"),
        {"action": "delete_selected", "_selected_action": [approved_review.pk], "post": "yes"},
    )
    assert response.status_code == 200
    assert "Kan inte ta bort" in response.content.decode()
    assert ManagementReview.objects.filter(pk=approved_review.pk).exists()


def test_a_review_in_review_cannot_be_edited_in_the_admin(admin_client, people):
    review = services.review_submit(review=people.review, user=people.coordinator)
    section = review.sections.get(key="background")
    page = admin_client.get(change_url(review))
    assert page.status_code == 200 and not page.context["has_change_permission"]
    assert 'name="sections-0-narrative"' not in page.content.decode()

    data = {"title": "Ändrad titel", "sections-0-id": section.pk, "sections-0-narrative": "Ny text i granskning"}
    assert admin_client.post(change_url(review), data).status_code == 403
    assert ReviewSection.objects.get(pk=section.pk).narrative == section.narrative
    assert ManagementReview.objects.get(pk=review.pk).title == review.title


def test_a_draft_is_not_reverted_into_a_version_that_was_in_review(admin_client, people):
    review = services.review_submit(review=people.review, user=people.coordinator)
    review = services.review_return(review=review, user=people.head, reason="Komplettera avsnitt 4.")
    in_review = review.history.filter(status=ReviewStatus.IN_REVIEW).latest("history_date")

    response = admin_client.post(revert_url(review, in_review), {})
    assert response.status_code == 302
    assert "Bara ett utkast kan återställas" in messages_of(response)[0]
    stored = ManagementReview.objects.get(pk=review.pk)
    assert stored.status == ReviewStatus.DRAFT and stored.return_reason == "Komplettera avsnitt 4."


def test_a_review_in_review_is_not_reverted_to_its_draft(admin_client, people):
    draft_version = people.review.history.latest("history_date")
    review = services.review_submit(review=people.review, user=people.coordinator)
    response = admin_client.post(revert_url(review, draft_version), {})
    assert response.status_code == 302
    assert "Bara ett utkast kan återställas" in messages_of(response)[0]
    assert ManagementReview.objects.get(pk=review.pk).status == ReviewStatus.IN_REVIEW


def test_a_draft_is_edited_in_the_admin_with_history_and_a_new_version(admin_client, people):
    review = people.review
    section = review.sections.get(key="background")
    page = admin_client.get(change_url(review))
    assert page.context["has_change_permission"]
    data = change_form_data(page)
    index = next(
        i
        for i, form in enumerate(next(f for f in page.context["inline_admin_formsets"]).formset.forms)
        if form.instance.pk == section.pk
    )
    data[f"sections-{index}-narrative"] = "Texten ändrad av administratören."
    response = admin_client.post(change_url(review), data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    changed = ReviewSection.objects.get(pk=section.pk)
    assert changed.narrative == "Texten ändrad av administratören."
    assert changed.version == section.version + 1  # an edit in the app opened before is a conflict
    assert changed.history.latest("history_date").history_user == admin_client.admin


def test_a_draft_is_reverted_to_an_earlier_draft_version_as_a_new_version(admin_client, people):
    review = people.review
    first = review.history.latest("history_date")
    review = services.review_update(review=review, user=people.coordinator, title="Andra titeln")
    review = services.review_update(review=review, user=people.coordinator, title="Tredje titeln")
    stored_version = ManagementReview.objects.get(pk=review.pk).version

    page = admin_client.get(revert_url(review, first))
    data = form_data(page.context["adminform"].form)
    response = admin_client.post(revert_url(review, first), data)
    assert response.status_code == 302

    reverted = ManagementReview.objects.get(pk=review.pk)
    assert reverted.title == first.title and reverted.status == ReviewStatus.DRAFT
    assert reverted.version == stored_version + 1  # an edit in the app opened before it is a conflict
    assert reverted.history.latest("history_date").history_user == admin_client.admin


def test_the_hidden_opened_version_shows_no_english_label(admin_client, people):
    """The change page (with its inlines) and a revert page carry the opened version as a hidden input, without the
    English label "Opened version" in the page or an inline table's header."""
    review = people.review
    review.title = "Ändrad titel"
    review.save()
    version = review.history.order_by("history_id").first()

    change, revert = (
        admin_client.get(url).content.decode() for url in (change_url(review), revert_url(review, version))
    )

    assert 'name="sections-0-opened_version"' in change  # the inline rows' too
    for page in (change, revert):
        assert 'type="hidden" name="opened_version"' in page
        assert "opened version" not in page.lower()
