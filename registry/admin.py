from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from isms.admin import RegisterAdmin, VersionedAdminForm, VersionedInline

from . import models
from .selectors.rules import became_aware_in_years, became_aware_year
from .services import incident_assign_reference


class ClassificationInline(VersionedInline, admin.TabularInline):
    model = models.Classification
    extra = 0
    fields = ["decided_on", "method", "confidentiality", "integrity", "availability", "traceability", "next_review_due"]


@admin.register(models.InformationAsset)
class InformationAssetAdmin(RegisterAdmin, SimpleHistoryAdmin):
    list_display = ["name", "organisation", "kind", "status", "in_use_from", "retired_on"]
    list_filter = ["organisation", "kind", "status", "nis2_covered"]
    search_fields = ["name", "description", "owner", "supplier"]
    inlines = [ClassificationInline]


@admin.register(models.Classification)
class ClassificationAdmin(RegisterAdmin, SimpleHistoryAdmin):
    list_display = [
        "asset",
        "decided_on",
        "method",
        "confidentiality",
        "integrity",
        "availability",
        "traceability",
        "next_review_due",
    ]
    list_filter = ["asset__organisation", "method"]
    search_fields = ["asset__name"]
    autocomplete_fields = ["asset"]


class RecommendationInline(VersionedInline, admin.StackedInline):
    model = models.Recommendation
    extra = 0
    fields = ["organisation", "number", "area", "text", "status", "planned_year", "done_on", "follow_up_reference"]


class AuditReportAdminForm(VersionedAdminForm):
    """The administrator may change a report's common fields, under the model's rules: the issuer's
    (AuditReport.clean, run by every ModelForm) and the addressees' (AuditReport.clean_addressees). The admin
    supplies the model and fields."""

    def clean(self):
        data = super().clean()
        if data.get("organisations") is not None:
            try:
                self.instance.clean_addressees(data["organisations"])
            except ValidationError as error:
                self.add_error(None, error)
        return data


@admin.register(models.AuditReport)
class AuditReportAdmin(RegisterAdmin, SimpleHistoryAdmin):
    form = AuditReportAdminForm
    list_display = ["title", "issuer", "number", "diarienummer", "date"]
    list_filter = ["issuer", "organisations"]
    search_fields = ["title", "number", "diarienummer"]
    filter_horizontal = ["organisations"]
    inlines = [RecommendationInline]


@admin.register(models.AuditReportArea)
class AuditReportAreaAdmin(RegisterAdmin, SimpleHistoryAdmin):
    list_display = ["report", "organisation", "area"]
    list_filter = ["area", "organisation"]


class RecommendationNoteInline(VersionedInline, admin.TabularInline):
    model = models.RecommendationNote
    extra = 0


@admin.register(models.Recommendation)
class RecommendationAdmin(RegisterAdmin, SimpleHistoryAdmin):
    list_display = ["__str__", "organisation", "area", "status", "planned_year", "done_on"]
    list_filter = ["organisation", "status", "report__issuer", "area"]
    search_fields = ["text", "response"]
    inlines = [RecommendationNoteInline]


@admin.register(models.ControlCheck)
class ControlCheckAdmin(RegisterAdmin, SimpleHistoryAdmin):
    list_display = ["control", "organisation", "plan_year", "performed_on", "deviations_found", "deviations_remedied"]
    list_filter = ["organisation", "plan_year"]
    search_fields = ["control", "process"]


@admin.register(models.Action)
class ActionAdmin(RegisterAdmin, SimpleHistoryAdmin):
    list_display = ["title", "organisation", "plan_year", "position", "theme", "status"]
    list_filter = ["organisation", "plan_year", "status", "theme"]
    search_fields = ["title", "description"]


@admin.register(models.SteeringDocument)
class SteeringDocumentAdmin(RegisterAdmin, SimpleHistoryAdmin):
    list_display = ["title", "organisation", "kind", "status", "required", "next_review_on"]
    list_filter = ["organisation", "kind", "status", "required"]
    search_fields = ["title"]


@admin.register(models.ExternalFactor)
class ExternalFactorAdmin(RegisterAdmin, SimpleHistoryAdmin):
    list_display = ["title", "organisation", "category", "valid_from", "valid_to", "position"]
    list_filter = ["organisation", "category"]
    search_fields = ["title", "text"]


@admin.register(models.ProcessingActivity)
class ProcessingActivityAdmin(RegisterAdmin, SimpleHistoryAdmin):
    list_display = ["name", "organisation", "legal_basis", "transfers", "last_reviewed_on"]
    list_filter = ["organisation", "legal_basis", "transfers", "special_categories", "dpia_required"]
    search_fields = ["name", "purposes", "responsible_unit"]
    filter_horizontal = ["assets"]


class IncidentYearFilter(admin.SimpleListFilter):
    """The year an incident became known, the year it counts in everywhere (Incident.counted_year); not the year
    of its reference."""

    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = (
            model_admin.get_queryset(request)
            .annotate(counted_year=became_aware_year())
            .order_by("-counted_year")
            .values_list("counted_year", flat=True)
            .distinct()
        )
        return [(str(year), str(year)) for year in years]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            year = int(self.value())
            return queryset.filter(became_aware_in_years(year, year))
        return queryset


@admin.register(models.Incident)
class IncidentAdmin(RegisterAdmin, SimpleHistoryAdmin):
    list_display = [
        "reference",
        "title",
        "organisation",
        "is_personal_data_breach",
        "is_significant_nis2",
        "became_aware_at",
        "imy_notified_at",
        "status",
    ]
    list_filter = [
        "organisation",
        "is_personal_data_breach",
        "is_significant_nis2",
        "status",
        "severity",
        IncidentYearFilter,
    ]
    search_fields = ["title", "description"]
    readonly_fields = ["year", "sequence"]
    filter_horizontal = ["assets"]

    def save_model(self, request, obj, form, change):
        if not change:  # the admin's change view runs in a transaction, so the counter row lock holds until commit
            incident_assign_reference(obj)
        super().save_model(request, obj, form, change)


@admin.register(models.Risk)
class RiskAdmin(RegisterAdmin, SimpleHistoryAdmin):
    list_display = ["title", "organisation", "likelihood", "consequence", "score", "treatment", "status", "rsa_cycle"]
    list_filter = ["organisation", "status", "treatment", "rsa_cycle"]
    search_fields = ["title", "description"]
    filter_horizontal = ["assets", "actions"]


@admin.register(models.Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "kind", "unit", "position"]


@admin.register(models.Measurement)
class MeasurementAdmin(RegisterAdmin, SimpleHistoryAdmin):
    list_display = ["indicator", "organisation", "year", "value"]
    list_filter = ["indicator", "organisation", "year"]
