"""The management review in the Django admin, within the workflow's rules (reviews.services, DESIGN.md §4).

The admin edits a review and its parts (sections' narrative, factors, decisions) only while the review is a draft, as
the coordinator does in the app: a review in review is the head's and the DPO's to read, an approved one never
changes. Status, submission, return and approval are the workflow's: read-only here, and a draft is never reverted
through its history into a version that was in review or approved (nor is a review that is no longer a draft
reverted at all). Every change bumps the row's version, so that an edit in the app opened before it is detected as a
conflict, and leaves history with the admin user.
"""

from django.contrib import admin, messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from isms.admin import RegisterAdmin, VersionedInline

from . import models
from .models import ReviewStatus


def _review(obj) -> models.ManagementReview | None:
    return obj if isinstance(obj, models.ManagementReview) else getattr(obj, "review", None)


def _stored_status(review: models.ManagementReview) -> str | None:
    """The status of the stored row (not of `review`, which may be an old version from its history)."""
    return models.ManagementReview.objects.filter(pk=review.pk).values_list("status", flat=True).first()


def _editable(obj) -> bool:
    """True for a new review, or for a draft whose stored row is a draft too (a historical version of a review is
    editable only when both it and the review now are drafts)."""
    review = _review(obj)
    if review is None or review.pk is None:
        return True
    return review.status == ReviewStatus.DRAFT and _stored_status(review) in (None, ReviewStatus.DRAFT)


class _ReviewPartInline:
    """Parts of a review change with it, only while it is a draft (the model refuses changes to an approved one)."""

    extra = 0

    def has_add_permission(self, request, obj=None):
        return _editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return _editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return _editable(obj) and super().has_delete_permission(request, obj)


class ReviewSectionInline(VersionedInline, _ReviewPartInline, admin.StackedInline):
    model = models.ReviewSection


class ReviewFactorInline(VersionedInline, _ReviewPartInline, admin.TabularInline):
    model = models.ReviewFactor


class DecisionInline(VersionedInline, _ReviewPartInline, admin.TabularInline):
    model = models.Decision


@admin.register(models.ManagementReview)
class ManagementReviewAdmin(RegisterAdmin, SimpleHistoryAdmin):
    """Editable only as a draft (see the module's docstring). Deleting is refused for an approved review, also in the
    bulk delete action (which asks has_delete_permission for each selected review)."""

    list_display = ["__str__", "plan_year", "revision", "status", "cutoff_date", "approved_at"]
    list_filter = ["organisation", "status", "plan_year"]
    readonly_fields = [
        "status",
        "submitted_at",
        "submitted_by",
        "returned_at",
        "returned_by",
        "return_reason",
        "approved_at",
        "approved_by",
        "approver_name",
        "stored_pdf",
        "pdf_sha256",
    ]
    inlines = [ReviewSectionInline, ReviewFactorInline, DecisionInline]

    @admin.display(description=models.ManagementReview._meta.get_field("pdf").verbose_name)
    def stored_pdf(self, obj):
        # Its name only: a link to the file itself (/media/…, or a presigned address into the bucket) would hand out
        # bytes that skip the SHA-256 check every read goes through (reviews.pdf.review_pdf_bytes).
        return obj.pdf.name or "-"

    def has_change_permission(self, request, obj=None):
        return _editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        review = _review(obj)
        approved = review is not None and review.pk is not None and _stored_status(review) == ReviewStatus.APPROVED
        return not approved and super().has_delete_permission(request, obj)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """A version from the history is shown; reverting to it (POST) is refused unless both the review now and the
        version are drafts: approval, submission and return are the workflow's steps, never a revert."""
        if request.method == "POST":
            review = models.ManagementReview.objects.filter(pk=object_id).first()
            version = models.ManagementReview.history.filter(id=object_id, history_id=version_id).first()
            if review is not None and version is not None and not _editable(version.instance):
                if review.status == ReviewStatus.APPROVED:
                    message = _(
                        "The review is approved and cannot be changed. If it needs correcting, make a new revision "
                        "of it."
                    )
                else:
                    message = _(
                        "Only a draft can be reverted, and only to an earlier version that was a draft: sending for "
                        "review, sending back and approving are steps of the workflow in LIS-portalen."
                    )
                messages.error(request, message)
                return redirect(reverse("admin:reviews_managementreview_history", args=[review.pk]))
        return super().history_form_view(request, object_id, version_id, extra_context)
