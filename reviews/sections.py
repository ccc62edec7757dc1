"""The management review's section template: the reference document's order, each mapped to ISO/IEC 27001:2022 9.3.

Each entry is (key, heading level, Swedish heading, ISO 27001 clause). Numbers are not stored: the compiler numbers
the included sections in order (level 1: "1", level 2: "3.1", level 3: "4.2.1"); the background is unnumbered.
The plan-year headings ("5.1.1 2024") and the external factors (3.1 …) are inserted by the compiler.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class SectionSpec:
    key: str
    level: int
    title: str
    clause: str
    numbered: bool = True


BACKGROUND = "background"
PREVIOUS_ACTIONS = "previous_actions"
ISMS = "isms"
FACTORS = "factors"
INTERNAL_CONTROL = "internal_control"
RSA = "rsa"
FOLLOW_UP = "follow_up"
CONTROL_PLAN = "control_plan"
AUDIT_RESULTS = "audit_results"
AUDIT_REPORT = "audit_report"
GDPR_REPORT = "gdpr_report"
INCIDENTS = "incidents"
IMPROVEMENT = "improvement"
PRIORITIES = "priorities"
PLAN_YEAR_1 = "plan_year_1"
PLAN_YEAR_2 = "plan_year_2"
PLAN_YEAR_3 = "plan_year_3"

SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec(BACKGROUND, 1, _("Background"), "9.3.1", numbered=False),
    SectionSpec(PREVIOUS_ACTIONS, 1, _("Status of actions from previous management reviews"), "9.3.2 a"),
    SectionSpec(ISMS, 1, _("Information security management system, ISMS"), "9.3.2 b"),
    SectionSpec(FACTORS, 1, _("External factors"), "9.3.2 b"),
    SectionSpec(INTERNAL_CONTROL, 2, _("Internal control"), "9.3.2 c"),
    SectionSpec(RSA, 2, _("Risk and vulnerability analysis (RSA)"), "9.3.2 f"),
    SectionSpec(FOLLOW_UP, 1, _("Results of internal follow-up"), "9.3.2 c"),
    SectionSpec(CONTROL_PLAN, 2, _("Internal control plan (IKP)"), "9.3.2 c"),
    SectionSpec(AUDIT_RESULTS, 2, _("Auditors' findings"), "9.3.2 c"),
    SectionSpec(AUDIT_REPORT, 3, _("Auditors' report"), "9.3.2 c"),
    SectionSpec(GDPR_REPORT, 2, _("Risks identified in the GDPR annual report"), "9.3.2 c"),
    SectionSpec(INCIDENTS, 2, _("Incidents"), "9.3.2 c"),
    SectionSpec(IMPROVEMENT, 1, _("Opportunities to improve the organisation's ISMS"), "9.3.2 g"),
    SectionSpec(PRIORITIES, 2, _("Prioritisation of actions"), "9.3.2 g"),
    SectionSpec(PLAN_YEAR_1, 3, "", "9.3.2 g"),
    SectionSpec(PLAN_YEAR_2, 3, "", "9.3.2 g"),
    SectionSpec(PLAN_YEAR_3, 3, "", "9.3.2 g"),
)
SECTION_BY_KEY = {spec.key: spec for spec in SECTIONS}
SECTION_CHOICES = [(spec.key, spec.title or spec.key) for spec in SECTIONS]
PLAN_YEAR_KEYS = (PLAN_YEAR_1, PLAN_YEAR_2, PLAN_YEAR_3)
