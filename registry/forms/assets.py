"""Create and edit forms of the registers: Swedish labels from the models, errors that say what to fix."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Classification, InformationAsset
from .base import RegisterForm


class InformationAssetForm(RegisterForm):
    class Meta:
        model = InformationAsset
        fields = [
            "name",
            "kind",
            "description",
            "status",
            "in_use_from",
            "retired_on",
            "owner",
            "system_owner",
            "system_administrator",
            "supplier",
            "hosting",
            "processes_personal_data",
            "special_categories",
            "osl_secrecy",
            "nis2_covered",
            "critical_function",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    # Status and dates are checked by the model (InformationAsset.clean), like on every other path.


class ClassificationForm(RegisterForm):
    class Meta:
        model = Classification
        fields = [
            "decided_on",
            "decided_by",
            "participants",
            "method",
            "confidentiality",
            "confidentiality_motivation",
            "integrity",
            "integrity_motivation",
            "availability",
            "availability_motivation",
            "traceability",
            "traceability_motivation",
            "next_review_due",
            "notes",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 2})
            for name in [
                "participants",
                "confidentiality_motivation",
                "integrity_motivation",
                "availability_motivation",
                "traceability_motivation",
                "notes",
            ]
        }

    def clean(self):
        data = super().clean()
        decided, review = data.get("decided_on"), data.get("next_review_due")
        if decided and review and review <= decided:
            self.add_error("next_review_due", _("The next review must be after the decision date."))
        return data
