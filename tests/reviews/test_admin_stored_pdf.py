"""The admin's page of an approved review names its stored PDF but links to no copy that bypasses the hash check:
not /media/… (not served in a deployment) and not a presigned address straight into the bucket."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.se", "x"))
    return client


def page_of(client, review) -> str:
    response = client.get(reverse("admin:reviews_managementreview_change", args=[review.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_admin_names_the_stored_pdf_without_a_link_to_the_file(admin_client, approved_review):
    page = page_of(admin_client, approved_review)

    assert approved_review.pdf.name in page
    assert f'href="/media/{approved_review.pdf.name}"' not in page


def test_with_an_object_store_the_admin_gives_no_presigned_address(object_store, admin_client, people):
    from reviews import services
    from reviews.compiler import review_fingerprint

    review = services.review_submit(review=people.review, user=people.coordinator)
    review = services.review_approve(
        review=review, user=people.head, decisions=[], expected_fingerprint=review_fingerprint(review)
    )
    page = page_of(admin_client, review)

    assert review.pdf.name in page
    assert "X-Amz-Signature" not in page and object_store.server.endpoint not in page
