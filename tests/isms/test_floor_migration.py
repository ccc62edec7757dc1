"""Moving Organisation, Membership and Comment from registry to isms (isms 0001–0002, registry 0006, reviews 0004) on a
database migrated at the head before the move: every row, foreign key, history record, content type and permission
is still there and points at the same thing afterwards. Runs on SQLite and, under scripts/with-postgres, PostgreSQL.
"""

import datetime

import pytest
from django.contrib.auth.models import Permission, User
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from isms.models import Comment, Membership, Organisation
from registry.models import AuditReport, InformationAsset
from reviews.models import ManagementReview, ReviewSection

# The leaf migrations before the move: registry and reviews as they were, isms without migrations.
BEFORE = [("registry", "0005_action_position_empty_means_last"), ("reviews", "0003_decision_action_protect")]
MOVED = ["organisation", "historicalorganisation", "membership", "historicalmembership", "comment", "historicalcomment"]


def _rows_before_the_move(apps) -> dict:
    """Rows written through the models as they were at BEFORE (registry's Organisation, Membership, Comment), `apps`
    being the historical models of that state."""
    ContentTypeThen = apps.get_model("contenttypes", "ContentType")
    PermissionThen = apps.get_model("auth", "Permission")

    def content_type(app_label, model):
        return ContentTypeThen.objects.get_or_create(app_label=app_label, model=model)[0]

    user = apps.get_model("auth", "User").objects.create(username="samordnare-migrering")
    organisation_type = content_type("registry", "organisation")
    change = PermissionThen.objects.get_or_create(
        content_type=organisation_type, codename="change_organisation", defaults={"name": "Can change organisation"}
    )[0]
    user.user_permissions.add(change)
    organisation = apps.get_model("registry", "Organisation").objects.create(code="mig", name="Migreringsförvaltningen")
    apps.get_model("registry", "HistoricalOrganisation").objects.create(
        id=organisation.pk,
        code="mig",
        name="Migreringsförvaltningen",
        history_date=timezone.now(),
        history_type="+",
        history_user=user,
    )
    membership = apps.get_model("registry", "Membership").objects.create(
        user=user, organisation=organisation, role="coordinator"
    )
    asset = apps.get_model("registry", "InformationAsset").objects.create(
        organisation=organisation,
        name="Ekonomisystemet",
        in_use_from=datetime.date(2019, 1, 1),
        created_by=user,
        updated_by=user,
    )
    report = apps.get_model("registry", "AuditReport").objects.create(
        issuer="city_audit", title="Granskning av informationssäkerhet", date=datetime.date(2023, 5, 4)
    )
    report.organisations.add(organisation)
    review = apps.get_model("reviews", "ManagementReview").objects.create(
        organisation=organisation, plan_year=2024, cutoff_date=datetime.date(2023, 10, 31)
    )
    section = apps.get_model("reviews", "ReviewSection").objects.create(review=review, key="background")
    Comment = apps.get_model("registry", "Comment")
    on_asset = Comment.objects.create(
        organisation=organisation,
        content_type=content_type("registry", "informationasset"),
        object_id=asset.pk,
        author=user,
        author_role="dpo",
        text="Klassningen behöver ses över.",
    )
    on_section = Comment.objects.create(
        organisation=organisation,
        content_type=content_type("reviews", "reviewsection"),
        object_id=section.pk,
        author=user,
        author_role="head",
        text="Bakgrunden kan kortas.",
    )
    return {
        "user": user.pk,
        "organisation": organisation.pk,
        "membership": membership.pk,
        "asset": asset.pk,
        "report": report.pk,
        "review": review.pk,
        "section": section.pk,
        "on_asset": on_asset.pk,
        "on_section": on_section.pk,
        "content_types": {model: content_type("registry", model).pk for model in MOVED},
    }


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_moving_the_floor_models_to_isms_keeps_every_row_key_and_content_type():
    executor = MigrationExecutor(connection)
    head = executor.loader.graph.leaf_nodes()
    try:
        state = executor.migrate([("isms", None), *BEFORE])
        before = _rows_before_the_move(state.apps)
    finally:
        executor.loader.build_graph()  # what is applied now
        executor.migrate(head)  # also when the above failed: the next tests need the database the code expects
    ContentType.objects.clear_cache()

    organisation = Organisation.objects.get(pk=before["organisation"])
    assert (organisation.code, organisation.name) == ("mig", "Migreringsförvaltningen")
    assert list(organisation.history.values_list("history_type", "history_user_id")) == [("+", before["user"])]
    membership = Membership.objects.get(pk=before["membership"])
    assert (membership.user_id, membership.organisation, membership.role) == (
        before["user"],
        organisation,
        "coordinator",
    )
    asset = InformationAsset.objects.get(pk=before["asset"])
    assert asset.organisation == organisation
    assert list(AuditReport.objects.get(pk=before["report"]).organisations.all()) == [organisation]
    assert list(organisation.audit_reports.values_list("pk", flat=True)) == [before["report"]]
    review = ManagementReview.objects.get(pk=before["review"])
    assert review.organisation == organisation

    # The generic foreign keys of the comments still find their rows, a register row and a review section.
    assert Comment.objects.get(pk=before["on_asset"]).target == asset
    assert Comment.objects.get(pk=before["on_section"]).target == ReviewSection.objects.get(pk=before["section"])
    assert list(organisation.comments.order_by("pk").values_list("pk", flat=True)) == [
        before["on_asset"],
        before["on_section"],
    ]

    # Each moved model, its history model included, has its old content type row under the new app label.
    models = {
        "organisation": Organisation,
        "historicalorganisation": Organisation.history.model,
        "membership": Membership,
        "historicalmembership": Membership.history.model,
        "comment": Comment,
        "historicalcomment": Comment.history.model,
    }
    for name, model in models.items():
        content_type = ContentType.objects.get_for_model(model)
        assert (content_type.app_label, content_type.model, content_type.pk) == (
            "isms",
            name,
            before["content_types"][name],
        )
    assert not ContentType.objects.filter(app_label="registry", model__in=MOVED).exists()

    # A permission given out before the move is the same permission, now named by the new label.
    assert Permission.objects.get(codename="change_organisation").content_type.app_label == "isms"
    assert User.objects.get(pk=before["user"]).has_perm("isms.change_organisation")
