from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from . import models


class ReviewSectionInline(admin.StackedInline):
    model = models.ReviewSection
    extra = 0


class ReviewFactorInline(admin.TabularInline):
    model = models.ReviewFactor
    extra = 0


class DecisionInline(admin.TabularInline):
    model = models.Decision
    extra = 0


@admin.register(models.ManagementReview)
class ManagementReviewAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "plan_year", "revision", "status", "cutoff_date", "approved_at"]
    list_filter = ["organisation", "status", "plan_year"]
    readonly_fields = ["status", "submitted_at", "submitted_by", "approved_at", "approved_by", "pdf", "pdf_sha256"]
    inlines = [ReviewSectionInline, ReviewFactorInline, DecisionInline]
