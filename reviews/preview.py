"""What the review screens show of the compiled report: the report itself (frozen once approved), one section as it
would read with a narrative not yet saved, each section's computed figures on their own, and the placeholders'
current values, and the limit on draft PDF renders running at once. Reads only; the compiler does the work."""

import copy
import datetime

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from isms.throttle import concurrency_slot

from . import sections as s
from .compiler import Block, CompiledReview, CompiledSection, _Context, compile_review
from .models import ManagementReview, ReviewSection

#: The placeholders a narrative may use, with what they stand for (the values come from reviews.compiler).
PLACEHOLDER_HELP = [
    (
        "klassning.förändring",
        _("how the share of information-classified systems has changed since the comparison date"),
    ),
    ("klassning.nu", _("the share of information-classified systems at the cut-off date")),
    ("klassning.bas", _("the share at the comparison date")),
    ("klassning.basår", _("the year of the comparison date")),
    ("organisation", _("the organisation's name")),
    ("nämnd", _("the committee's name")),
    ("planår", _("the review's plan year")),
    ("år", _("the section's year (the plan year, or the year under 5.1.1–5.1.3)")),
    (
        "figurer",
        _(
            "the calculated figures, when they are to stand on a line of their own in the middle of the text "
            "instead of after it"
        ),
    ),
]


#: Draft PDF renders running at once: one per user, and at most this many across the site (settings
#: DRAFT_RENDERS_SITE_WIDE overrides). A render takes a second or a few and a worker's memory while it runs.
DRAFT_RENDERS_SITE_WIDE = 3
#: Seconds after which a render's slot is free again even if the render never ended (its worker died); settings
#: DRAFT_RENDER_EXPIRY overrides. Well above a large organisation's render time (bench/README.md).
DRAFT_RENDER_EXPIRY = 120


def draft_render_slot(user):
    """Context manager around one draft PDF render for `user` (isms.throttle.concurrency_slot): raises
    isms.throttle.SlotTaken when the user's previous render still runs, or DRAFT_RENDERS_SITE_WIDE renders do."""
    return concurrency_slot(
        "draft-render",
        str(user.pk),
        site_wide=getattr(settings, "DRAFT_RENDERS_SITE_WIDE", DRAFT_RENDERS_SITE_WIDE),
        expiry=getattr(settings, "DRAFT_RENDER_EXPIRY", DRAFT_RENDER_EXPIRY),
    )


def compiled_for_display(review: ManagementReview) -> CompiledReview:
    """The report as the PDF shows it: the frozen content of an approved review (never recomputed, so later register
    changes do not show), else a fresh compile from the registers at the review's cut-off date."""
    if review.is_approved and review.frozen_figures:
        return compiled_from_dict(review.frozen_figures)
    return compile_review(review)


def compiled_from_dict(data: dict) -> CompiledReview:
    """A CompiledReview back from CompiledReview.to_dict (dates were stored as ISO strings)."""

    def date(value):
        return datetime.date.fromisoformat(value) if isinstance(value, str) else value

    values = dict(data)
    values["sections"] = [
        CompiledSection(
            key=section["key"],
            number=section["number"],
            title=section["title"],
            level=section["level"],
            blocks=[Block(**block) for block in section["blocks"]],
        )
        for section in data.get("sections", [])
    ]
    for name in ("cutoff_date", "period_start", "period_end", "document_date"):
        values[name] = date(values.get(name))
    if isinstance(values.get("approved_at"), str):
        values["approved_at"] = datetime.datetime.fromisoformat(values["approved_at"])
    known = CompiledReview.__dataclass_fields__
    return CompiledReview(**{name: value for name, value in values.items() if name in known})


def figures_context(review: ManagementReview) -> _Context:
    """The registers' figures for `review`, fetched once, for the functions below that take `context`."""
    return _Context(review)


def _compile_with_rows(review: ManagementReview, rows: list[ReviewSection], context: _Context | None) -> CompiledReview:
    """Compile `review` as if its section rows were `rows` (unsaved, in memory); the review itself is untouched."""
    clone = copy.copy(review)
    clone._prefetched_objects_cache = {"sections": rows}
    return compile_review(clone, context=context)


def ancestors(key: str) -> list[str]:
    """The keys of the sections a section sits under: ["follow_up", "audit_results"] for "audit_report"."""
    index = next(i for i, spec in enumerate(s.SECTIONS) if spec.key == key)
    level, found = s.SECTIONS[index].level, []
    for spec in reversed(s.SECTIONS[:index]):
        if spec.level < level:
            found.insert(0, spec.key)
            level = spec.level
    return found


def section_preview(
    review: ManagementReview,
    section: ReviewSection,
    *,
    narrative: str,
    show_figures: bool,
    context: _Context | None = None,
) -> CompiledSection | None:
    """The section as the report would show it with `narrative` and `show_figures` (saved or not), numbered as if it
    and the sections above it were included. None when the compiler leaves it out whatever the text (4.4 Incidenter
    without incidents in the follow-up period)."""
    rows = {row.key: row for row in review.sections.all()}
    for key in ancestors(section.key):
        rows[key] = _row(review, rows.get(key), key, included=True)
    rows[section.key] = _row(
        review, section, section.key, included=True, narrative=narrative, show_figures=show_figures
    )
    compiled = _compile_with_rows(review, list(rows.values()), context)
    return next((c for c in compiled.sections if c.key == section.key), None)


def figures_by_section(review: ManagementReview, context: _Context | None = None) -> dict[str, list[Block]]:
    """Every section's computed figures on their own (no narrative), by section key, whether or not the section is
    included or shows them in the report."""
    rows = [ReviewSection(review=review, key=spec.key, included=True, show_figures=True) for spec in s.SECTIONS]
    compiled = _compile_with_rows(review, rows, context)
    return {c.key: c.blocks for c in compiled.sections if c.key in s.SECTION_BY_KEY}


def placeholder_values(review: ManagementReview, section_key: str, context: _Context | None = None) -> list[dict]:
    """[{name, tag, help, value}] for every placeholder, with its value in this review and section."""
    values = (context or _Context(review)).placeholders()
    year = review.plan_year
    if section_key in s.PLAN_YEAR_KEYS:
        year += s.PLAN_YEAR_KEYS.index(section_key)
    values["år"] = str(year)
    values["figurer"] = ""
    return [
        {"name": name, "tag": f"[[{name}]]", "help": help_text, "value": values.get(name, "")}
        for name, help_text in PLACEHOLDER_HELP
    ]


def _row(review, row: ReviewSection | None, key: str, **changes) -> ReviewSection:
    """An unsaved copy of `row` (or a new empty row) with `changes` applied."""
    copied = copy.copy(row) if row is not None else ReviewSection(review=review, key=key, narrative="")
    for name, value in changes.items():
        setattr(copied, name, value)
    return copied
