from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from isms.admin import RegisterAdmin, VersionedInline

from . import models


def _approved(obj) -> bool:
    review = obj if isinstance(obj, models.ManagementReview) else getattr(obj, "review", None)
    return bool(review is not None and review.is_approved)


class _ReviewPartInline:
    """Parts of an approved review are shown, never changed (the model refuses too)."""

    extra = 0

    def has_add_permission(self, request, obj=None):
        return not _approved(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not _approved(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _approved(obj) and super().has_delete_permission(request, obj)


class ReviewSectionInline(VersionedInline, _ReviewPartInline, admin.StackedInline):
    model = models.ReviewSection


class ReviewFactorInline(VersionedInline, _ReviewPartInline, admin.TabularInline):
    model = models.ReviewFactor


class DecisionInline(VersionedInline, _ReviewPartInline, admin.TabularInline):
    model = models.Decision


@admin.register(models.ManagementReview)
class ManagementReviewAdmin(RegisterAdmin, SimpleHistoryAdmin):
    """Status, submission, return and approval are the workflow's (reviews.services); an approved review is read-only
    here, like everywhere."""

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
        "pdf",
        "pdf_sha256",
    ]
    inlines = [ReviewSectionInline, ReviewFactorInline, DecisionInline]

    def has_change_permission(self, request, obj=None):
        return not _approved(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _approved(obj) and super().has_delete_permission(request, obj)
