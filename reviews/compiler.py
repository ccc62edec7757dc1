"""The review compiler: turns an organisation's registers and a review's narrative into the report's content.

`compile_review(review)` returns a `CompiledReview`: plain data (sections of blocks) that the PDF template and the
review pages render, and that approval freezes as JSON (`CompiledReview.to_dict`). Every number in it is computed
from the registers at the review's cut-off date; the coordinator's narrative is taken as written, with placeholders
([[klassning.förändring]] …) replaced by computed text. The query count does not depend on register sizes.
"""

import dataclasses
import datetime
import hashlib
import itertools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from isms.pdf import PDF_LANGUAGE
from registry import selectors
from registry.models import ActionStatus, Issuer, Recommendation, RecommendationStatus

from . import charts
from . import sections as s
from .models import ManagementReview, ReviewSection
from .selectors import coverage_baseline_date, earlier_decisions, review_decisions


@dataclass
class Block:
    """One block of a section: kind "paragraph" (text), "bullets" (items), "numbered" (items with `number` and
    `note`), "table" (caption, headers, rows of strings, optional footer row), or "chart" (text: the markup of an
    inline SVG from reviews.charts, every label in it escaped; caption: shown under it)."""

    kind: str
    text: str = ""
    items: list = field(default_factory=list)
    caption: str = ""
    headers: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    footer: list[str] = field(default_factory=list)


@dataclass
class CompiledSection:
    """A heading (`number` "" when unnumbered, `level` 1–3) and its blocks."""

    key: str
    number: str
    title: str
    level: int
    blocks: list[Block] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title

    @property
    def anchor(self) -> str:
        return "s-" + (self.number.replace(".", "-") if self.number else self.key)


@dataclass
class CompiledReview:
    """Everything the report shows. Dates are datetime.date; `figures` holds the computed numbers by name."""

    review_id: int
    organisation: str
    board_name: str
    title: str
    plan_year: int
    plan_years: list[int]
    diarienummer: str
    cutoff_date: datetime.date
    period_start: datetime.date
    period_end: datetime.date
    status: str
    status_label: str
    is_approved: bool
    document_date: datetime.date
    approver_name: str
    approved_at: datetime.datetime | None
    sections: list[CompiledSection]
    figures: dict

    def to_dict(self) -> dict:
        """JSON-ready form: dates and datetimes as ISO strings."""

        def convert(value):
            if isinstance(value, datetime.date | datetime.datetime):
                return value.isoformat()
            if isinstance(value, dict):
                return {str(k): convert(v) for k, v in value.items()}
            if isinstance(value, list | tuple):
                return [convert(v) for v in value]
            return value

        return convert(dataclasses.asdict(self))


PLACEHOLDER = re.compile(r"\[\[\s*([\wåäöÅÄÖ.]+)\s*\]\]")
FIGURES = "figurer"
DECISIONS = "decisions"  # key of the unnumbered "Beslut" section after the numbered ones, when there are decisions
NUMBERED_ITEM = re.compile(r"^(\d+)[.)]\s+(.*)$")


def _coverage_change(baseline: selectors.Coverage, now: selectors.Coverage) -> str:
    """ "ökat med 20 procentenheter, från 30 procent till 50 procent, sedan 2022" and its falling and flat forms."""
    if baseline.percent is None or now.percent is None:
        return _("not been possible to calculate, as no systems in use were registered")
    diff = now.percent - baseline.percent
    points = ngettext("%(n)d percentage point", "%(n)d percentage points", abs(diff)) % {"n": abs(diff)}
    values = {"points": points, "base": baseline.percent, "now": now.percent, "year": baseline.day.year}
    if diff > 0:
        return _("increased by %(points)s, from %(base)d per cent to %(now)d per cent, since %(year)d") % values
    if diff < 0:
        return _("decreased by %(points)s, from %(base)d per cent to %(now)d per cent, since %(year)d") % values
    return _("remained at %(now)d per cent since %(year)d") % values


def _percent(value: int | None) -> str:
    """ "50 procent"; "– procent" when there is nothing to count (no systems in use), never "None procent"."""
    return _("%(p)s per cent") % {"p": "–" if value is None else value}


def _fill(text: str, values: dict[str, str]) -> str:
    """Replace placeholders; one at the start of a sentence starts with a capital. Unknown ones stay visible."""

    def replace(match: re.Match) -> str:
        name = match.group(1).lower()
        if name not in values:
            return match.group(0)
        value = values[name]
        before = text[: match.start()].rstrip()
        if value and (not before or before.endswith((".", "!", "?", ":"))):
            value = value[0].upper() + value[1:]
        return value

    return PLACEHOLDER.sub(replace, text)


def _line_kind(line: str) -> str:
    if line.startswith(("- ", "* ", "• ")):
        return "bullets"
    if NUMBERED_ITEM.match(line):
        return "numbered"
    return "paragraph"


def parse_narrative(text: str, values: dict[str, str], figures: list[Block]) -> list[Block]:
    """Narrative text → blocks. Blank lines separate paragraphs; "- " lines are bullets, "1. " lines numbered items;
    a paragraph that is only [[figurer]] is replaced by `figures`, which otherwise follow the narrative."""
    blocks: list[Block] = []
    placed = False
    for chunk in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        if lines == [f"[[{FIGURES}]]"]:
            blocks.extend(figures)
            placed = True
            continue
        for kind, group in itertools.groupby(lines, key=_line_kind):
            group = list(group)
            if kind == "paragraph":
                blocks.append(Block(kind, text=_fill(" ".join(group), values)))
            elif kind == "bullets":
                blocks.append(Block(kind, items=[_fill(line[2:].strip(), values) for line in group]))
            else:
                matches = [NUMBERED_ITEM.match(line) for line in group]
                items = [{"number": int(m.group(1)), "text": _fill(m.group(2), values), "note": ""} for m in matches]
                blocks.append(Block(kind, items=items))
    if not placed:
        blocks.extend(figures)
    return blocks


def closed_on(recommendation: Recommendation) -> datetime.date | None:
    """When a recommendation was closed: its closed_on (the issuer's follow-up closed it), else the day it was
    implemented; None while it is open, or when a closed one has neither date."""
    if recommendation.closed_on:
        return recommendation.closed_on
    return recommendation.done_on if recommendation.status == RecommendationStatus.DONE else None


def followed_up(
    recommendations: list[Recommendation], cutoff: datetime.date, period: tuple[datetime.date, datetime.date]
) -> list[Recommendation]:
    """The recommendations a review follows up (sections 4.2.1 and 4.3): those open at the cut-off (closed later, or
    not at all) and those closed within the follow-up period (ManagementReview.period, as the incidents section
    counts). Ones closed before the period were followed up by an earlier review and are left out; a closed one
    without any date is kept, since when it was closed is unknown."""
    start, end = period
    finished = {RecommendationStatus.DONE, RecommendationStatus.NOT_PURSUED}
    kept = []
    for recommendation in recommendations:
        day = closed_on(recommendation)
        if recommendation.status not in finished and recommendation.closed_on is None:
            kept.append(recommendation)  # open
        elif day is None or day > cutoff or start <= day <= end:
            kept.append(recommendation)
    return kept


class _Context:
    """The registers' figures for one review, fetched once (a fixed number of queries)."""

    def __init__(self, review: ManagementReview):
        org = review.organisation
        self.review = review
        self.org = org
        cutoff = review.cutoff_date
        self.follow_up_year = review.plan_year - 1
        baseline_day = coverage_baseline_date(org, review.plan_year)
        trend_years = list(range(review.plan_year - 3, review.plan_year - 1))
        self.trend_years = [review.plan_year - 3, review.plan_year - 2, review.plan_year - 1]
        days = [baseline_day, cutoff] + [datetime.date(y, 12, 31) for y in trend_years]
        # One coverage computation for the review's own dates and the indicators' (mostly the same days).
        indicator_days = [selectors.measurement_day(y, cutoff) for y in self.trend_years]
        all_days = list(dict.fromkeys(days + indicator_days))
        coverage = dict(zip(all_days, selectors.classification_coverage_series(org, all_days), strict=True))
        self.coverage_baseline, self.coverage_now = coverage[baseline_day], coverage[cutoff]
        self.coverage_by_year = {y: coverage[datetime.date(y, 12, 31)] for y in trend_years}
        self.dpo_recommendations = followed_up(selectors.dpo_recommendations(org, on=cutoff), cutoff, review.period)
        audit_reports = selectors.audit_reports_with_recommendations(
            org, [Issuer.CITY_AUDIT, Issuer.IMY, Issuer.CONSULTANT, Issuer.INTERNAL_CONTROL, Issuer.OTHER], on=cutoff
        )
        self.audit_reports = [
            (report, kept)
            for report, recommendations in audit_reports
            if (kept := followed_up(recommendations, cutoff, review.period))
        ]
        self.controls = selectors.control_check_summary(org, self.follow_up_year)
        self.actions = selectors.actions_by_year(org, [self.follow_up_year, *review.plan_years])
        self.decisions = earlier_decisions(org, review.plan_year)
        self.routines = selectors.required_routines(org)
        self.indicators = selectors.indicator_values(org, self.trend_years, until=cutoff, coverage=coverage)
        self.risks = selectors.risk_summary(org)
        self.incidents = selectors.incident_summary(org, *review.period)
        # For the charts: one query each.
        self.incidents_by_year = selectors.incidents_per_year(org, self.trend_years, until=cutoff)
        self.action_years = [self.follow_up_year, *review.plan_years]
        self.action_status = selectors.actions_by_year_and_status(org, self.action_years)
        self.own_decisions = review_decisions(review)

    def placeholders(self) -> dict[str, str]:
        return {
            "klassning.förändring": _coverage_change(self.coverage_baseline, self.coverage_now),
            "klassning.nu": _percent(self.coverage_now.percent),
            "klassning.bas": _percent(self.coverage_baseline.percent),
            "klassning.basår": str(self.coverage_baseline.day.year),
            "organisation": self.org.name,
            "nämnd": self.org.board_name or self.org.name,
            "planår": str(self.review.plan_year),
        }

    def figures(self) -> dict:
        """The computed numbers by name, for freezing and for tests."""
        return {
            "coverage": {
                "baseline_date": self.coverage_baseline.day,
                "baseline_percent": self.coverage_baseline.percent,
                "cutoff_percent": self.coverage_now.percent,
                "cutoff_systems": self.coverage_now.systems,
                "cutoff_classified": self.coverage_now.classified,
                "by_year_end": {y: c.percent for y, c in self.coverage_by_year.items()},
            },
            "dpo_recommendations": [
                {"number": r.number, "status": r.status, "label": r.status_label} for r in self.dpo_recommendations
            ],
            "controls": {
                "plan_year": self.follow_up_year,
                "checks": len(self.controls.checks),
                "deviations_found": self.controls.deviations_found,
                "deviations_remedied": self.controls.deviations_remedied,
            },
            "actions_per_year": {y: len(a) for y, a in self.actions.items()},
            "indicators": {i.code: {y: _number(v) for y, v in i.values.items()} for i in self.indicators},
            "risks": {"matrix": self.risks.matrix, "open": self.risks.total_open, "high": self.risks.high},
            "incidents": dataclasses.asdict(self.incidents),
            "incidents_per_year": self.incidents_by_year,
            "actions_by_year_and_status": self.action_status,
            "decisions": [
                {
                    "text": d.text,
                    "owner": d.owner,
                    "due_date": d.due_date,
                    "action_plan_year": d.action.plan_year if d.action else None,
                }
                for d in self.own_decisions
            ],
        }

    def decisions_section(self) -> list[Block]:
        """Beslut (ISO/IEC 27001:2022 9.3.3): the decisions recorded at approval, each with owner and due date."""
        if not self.own_decisions:
            return []
        return [
            Block(
                "table",
                caption=_("Decisions at approval"),
                headers=[_("No."), _("Decision"), _("Responsible"), _("Due by"), _("Action in the plan")],
                rows=[
                    [
                        str(number),
                        d.text,
                        d.owner or "–",
                        d.due_date.isoformat() if d.due_date else "–",
                        str(d.action.plan_year) if d.action else "–",
                    ]
                    for number, d in enumerate(self.own_decisions, start=1)
                ],
            )
        ]

    # The computed blocks of each section, by key.

    def indicator_table(self) -> Block | None:
        rows = [
            [i.name, *(_format_value(i.values[y], i.unit) for y in self.trend_years)]
            for i in self.indicators
            if any(v is not None for v in i.values.values())
        ]
        if not rows:
            return None
        last = self.trend_years[-1]
        return Block(
            "table",
            caption=_("Indicators per year (%(last)d: up to and including %(cutoff)s)")
            % {"last": last, "cutoff": self.review.cutoff_date.isoformat()},
            headers=[_("Indicators"), *(str(y) for y in self.trend_years)],
            rows=rows,
        )

    # Charts: each only when there is something to draw.

    def coverage_chart(self) -> Block | None:
        measured = [*self.coverage_by_year.values(), self.coverage_now]  # the year ends in order, then the cut-off
        if not any(c.systems for c in measured):
            return None
        svg = charts.coverage_chart(
            [
                charts.CoveragePoint(
                    label=c.day.isoformat(),
                    percent=c.percent,
                    note=ngettext(
                        "%(classified)d of %(systems)d system", "%(classified)d of %(systems)d systems", c.systems
                    )
                    % {"classified": c.classified, "systems": c.systems},
                    cutoff=c is self.coverage_now,
                )
                for c in measured
            ],
            chart_id="chart-coverage",
        )
        caption = _(
            "Share of information-classified systems in use on 31 December and at the cut-off date %(cutoff)s: "
            "systems with a current and complete classification."
        ) % {"cutoff": self.review.cutoff_date.isoformat()}
        return Block("chart", text=svg, caption=caption)

    def incidents_chart(self) -> Block | None:
        if not any(counts["total"] for counts in self.incidents_by_year.values()):
            return None
        cutoff = self.review.cutoff_date
        years = [
            charts.IncidentYear(
                label=str(year),
                total=counts["total"],
                breaches=counts["breaches"],
                significant=counts["significant"],
                note=_("up to %(cutoff)s") % {"cutoff": cutoff.isoformat()}
                if cutoff < datetime.date(year, 12, 31)
                else "",
            )
            for year, counts in self.incidents_by_year.items()
        ]
        return Block(
            "chart",
            text=charts.incidents_chart(years, chart_id="chart-incidents"),
            caption=_(
                "Incidents per year by when they became known, of which personal data breaches and significant "
                "incidents under the Cybersecurity Act."
            ),
        )

    def risk_matrix_chart(self) -> Block | None:
        if not self.risks.total_open:
            return None
        return Block(
            "chart",
            text=charts.risk_matrix_chart(self.risks.matrix, chart_id="chart-risks"),
            caption=_(
                "Risk matrix: open risks in the risk register by likelihood and consequence; cells are shaded by "
                "risk score."
            ),
        )

    def action_status_chart(self) -> Block | None:
        if not any(self.action_status.values()):
            return None
        svg = charts.action_status_chart(
            [(str(year), self.action_status[year]) for year in self.action_years],
            [(code, str(label)) for code, label in ActionStatus.choices],
            chart_id="chart-actions",
        )
        caption = _("Actions in the action plan by planned year (%(first)d–%(last)d) and status.") % {
            "first": self.action_years[0],
            "last": self.action_years[-1],
        }
        return Block("chart", text=svg, caption=caption)

    def previous_actions(self) -> list[Block]:
        blocks = []
        indicators = self.indicator_table()
        if indicators:
            blocks.append(indicators)
        blocks.extend(chart for chart in (self.coverage_chart(), self.incidents_chart()) if chart)
        if self.decisions:
            blocks.append(
                Block(
                    "table",
                    caption=_("Decisions in previous reviews"),
                    headers=[_("Review"), _("Decision"), _("Responsible"), _("Status")],
                    rows=[
                        [
                            str(d.review.plan_year),
                            d.text,
                            d.owner,
                            d.action.get_status_display() if d.action else _("No linked action"),
                        ]
                        for d in self.decisions
                    ],
                )
            )
        earlier = self.actions[self.follow_up_year]
        if earlier:
            blocks.append(
                Block(
                    "table",
                    caption=_("Planned actions for %(year)d") % {"year": self.follow_up_year},
                    headers=[_("Action"), _("Status")],
                    rows=[[a.title, a.get_status_display()] for a in earlier],
                )
            )
        return blocks

    def isms(self) -> list[Block]:
        if not self.routines:
            return []
        return [
            Block(
                "table",
                caption=_("Routines that must be in place"),
                headers=[_("Routine"), _("Status"), _("Last reviewed")],
                rows=[
                    [d.title, d.get_status_display(), d.last_reviewed_on.isoformat() if d.last_reviewed_on else "–"]
                    for d in self.routines
                ],
            )
        ]

    def rsa(self) -> list[Block]:
        risks = self.risks
        if not risks.total_open and not risks.by_status:
            return []
        blocks = [
            Block(
                "paragraph",
                text=ngettext(
                    "The risk register has %(open)d open risk, of which %(high)d has a high risk score (9 or more).",
                    "The risk register has %(open)d open risks, of which %(high)d have a high risk score (9 or more).",
                    risks.total_open,
                )
                % {"open": risks.total_open, "high": risks.high},
            ),
            # The chart carries the matrix's counts in its cells and its text alternative: no table repeats it.
            *filter(None, [self.risk_matrix_chart()]),
        ]
        if risks.highest:
            blocks.append(
                Block(
                    "table",
                    caption=_("Highest-scoring open risks"),
                    headers=[_("Risk"), _("Risk score"), _("Treatment"), _("Owner")],
                    rows=[[r.title, str(r.score), r.get_treatment_display() or "–", r.owner] for r in risks.highest],
                )
            )
        return blocks

    def incidents_figures(self) -> list[Block]:
        i = self.incidents
        sentences = [
            ngettext(
                "During the period %(start)s–%(end)s, %(n)d incident was registered",
                "During the period %(start)s–%(end)s, %(n)d incidents were registered",
                i.total,
            )
            % {"start": i.start.isoformat(), "end": i.end.isoformat(), "n": i.total}
            + ngettext(
                ", of which %(n)d was a personal data breach.",
                ", of which %(n)d were personal data breaches.",
                i.breaches,
            )
            % {"n": i.breaches}
        ]
        if i.breaches:
            sentences.append(
                _("%(notified)d were reported to IMY, %(in_time)d of them within 72 hours.")
                % {"notified": i.notified, "in_time": i.notified_in_time}
            )
            if i.not_notified:
                sentences.append(
                    _("%(n)d were documented without notification, with the reason given.") % {"n": i.not_notified}
                )
            if i.clock_running:
                sentences.append(
                    _("%(n)d still lack a notification or a reason for not notifying.") % {"n": i.clock_running}
                )
        if i.significant:
            sentences.append(
                ngettext(
                    "%(n)d was a significant incident under the Cybersecurity Act.",
                    "%(n)d were significant incidents under the Cybersecurity Act.",
                    i.significant,
                )
                % {"n": i.significant}
            )
        else:
            sentences.append(_("None was a significant incident under the Cybersecurity Act."))
        return [Block("paragraph", text=" ".join(sentences))]

    def control_plan(self) -> list[Block]:
        controls = self.controls
        if not controls.checks:
            return []
        return [
            Block(
                "table",
                caption=_("Control checks in the internal control plan %(year)d") % {"year": self.follow_up_year},
                headers=[_("Process"), _("Control check"), _("Performed"), _("Sample"), _("Deviations"), _("Remedied")],
                rows=[
                    [
                        c.process,
                        c.control,
                        c.performed_on.isoformat() if c.performed_on else "–",
                        str(c.sample_size) if c.sample_size is not None else "–",
                        str(c.deviations_found),
                        str(c.deviations_remedied),
                    ]
                    for c in controls.checks
                ],
                footer=[_("Total"), "", "", "", str(controls.deviations_found), str(controls.deviations_remedied)],
            )
        ]

    def audit_report(self) -> list[Block]:
        return [
            Block(
                "table",
                caption=f"{report.get_issuer_display()}: {report}",
                headers=[_("No."), _("Recommendation"), _("Status"), _("Follow-up")],
                rows=[[str(r.number), r.text, r.status_label, r.follow_up_reference] for r in recommendations],
            )
            for report, recommendations in self.audit_reports
        ]

    def gdpr_report(self) -> list[Block]:
        if not self.dpo_recommendations:
            return []
        return [
            Block(
                "numbered",
                items=[{"number": r.number, "text": r.text, "note": r.status_label} for r in self.dpo_recommendations],
            )
        ]

    def priorities(self) -> list[Block]:
        chart = self.action_status_chart()
        return [chart] if chart else []

    def plan_year(self, year: int) -> list[Block]:
        actions = self.actions.get(year, [])
        return [Block("bullets", items=[a.title for a in actions])] if actions else []


def _number(value):
    """Decimal → int or float for JSON."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _format_value(value, unit: str) -> str:
    """A table cell: "50 %", "3 st.", "78,5 %" (Swedish decimal comma), "–" when missing."""
    if value is None:
        return "–"
    number = _number(value)
    text = f"{number}".replace(".", ",")
    return f"{text} {unit}".strip()


def _document_date(review: ManagementReview) -> datetime.date:
    if review.approved_at:
        return timezone.localtime(review.approved_at).date()
    return timezone.localdate()


def compile_review(review: ManagementReview, *, context: "_Context | None" = None) -> CompiledReview:
    """Build the review's content from its narrative and the registers at its cut-off date.

    `context`: the registers' figures for this review (`_Context(review)`), when the caller compiles the same review
    more than once (the section page: preview, figures and placeholders) and so fetches them once.

    Sections follow reviews.sections.SECTIONS; those without a row in the review, or not included, are left out, as
    are the sub-sections of a left-out section. The selected external factors become 3.1, 3.2 … before Intern
    kontroll; the three plan years become 5.1.1–5.1.3 headed by the year. Numbers are assigned in order. When
    decisions were recorded (at approval; a correction carries those of the revisions it corrects) an unnumbered
    "Beslut" section follows, with each decision's owner, due date and the plan year of its action.
    """
    ctx = context or _Context(review)
    values = ctx.placeholders()
    rows: dict[str, ReviewSection] = {row.key: row for row in review.sections.all()}
    factors = list(review.factors.select_related("factor").order_by("position", "id"))
    builders: dict[str, Callable[[], list[Block]]] = {
        s.PREVIOUS_ACTIONS: ctx.previous_actions,
        s.ISMS: ctx.isms,
        s.CONTROL_PLAN: ctx.control_plan,
        s.AUDIT_REPORT: ctx.audit_report,
        s.GDPR_REPORT: ctx.gdpr_report,
        s.RSA: ctx.rsa,
        s.INCIDENTS: ctx.incidents_figures,
        s.PRIORITIES: ctx.priorities,
    }
    for index, key in enumerate(s.PLAN_YEAR_KEYS):
        builders[key] = lambda year=review.plan_year + index: ctx.plan_year(year)

    counters = [0, 0, 0]
    compiled: list[CompiledSection] = []
    skip_below: int | None = None

    def number_for(level: int) -> str:
        counters[level - 1] += 1
        for deeper in range(level, 3):
            counters[deeper] = 0
        return ".".join(str(n) for n in counters[:level])

    for spec in s.SECTIONS:
        if skip_below is not None and spec.level > skip_below:
            continue
        skip_below = None
        row = rows.get(spec.key)
        if spec.key == s.INCIDENTS and not ctx.incidents.total:
            row = None  # 4.4 only when the follow-up period has incidents
        if row is None or not row.included:
            skip_below = spec.level
            continue
        title = str(spec.title)
        section_values = dict(values, år=str(review.plan_year))
        if spec.key in s.PLAN_YEAR_KEYS:
            year = review.plan_year + s.PLAN_YEAR_KEYS.index(spec.key)
            title, section_values["år"] = str(year), str(year)
        figures = builders[spec.key]() if (row.show_figures and spec.key in builders) else []
        compiled.append(
            CompiledSection(
                key=spec.key,
                number=number_for(spec.level) if spec.numbered else "",
                title=title,
                level=spec.level,
                blocks=parse_narrative(row.narrative, section_values, figures),
            )
        )
        if spec.key == s.FACTORS:
            for factor in factors:
                compiled.append(
                    CompiledSection(
                        key=f"factor-{factor.factor_id}",
                        number=number_for(2),
                        title=factor.factor.title,
                        level=2,
                        blocks=parse_narrative(factor.text, dict(values, år=str(review.plan_year)), []),
                    )
                )

    decisions = ctx.decisions_section()
    if decisions:
        compiled.append(CompiledSection(key=DECISIONS, number="", title=_("Decision"), level=1, blocks=decisions))

    return CompiledReview(
        review_id=review.pk,
        organisation=review.organisation.name,
        board_name=review.organisation.board_name,
        title=review.display_title,
        plan_year=review.plan_year,
        plan_years=review.plan_years,
        diarienummer=review.diarienummer,
        cutoff_date=review.cutoff_date,
        period_start=review.period[0],
        period_end=review.period[1],
        status=review.status,
        status_label=str(review.get_status_display()),
        is_approved=review.is_approved,
        document_date=_document_date(review),
        approver_name=review.approver_name,
        approved_at=review.approved_at,
        sections=compiled,
        figures=ctx.figures(),
    )


#: CompiledReview fields a fingerprint leaves out: they change by themselves (the document date is today until
#: approval) or through the approval that the fingerprint guards (status, approver, time).
UNFINGERPRINTED_FIELDS = frozenset(
    {"document_date", "status", "status_label", "is_approved", "approver_name", "approved_at"}
)


def content_fingerprint(compiled: CompiledReview) -> str:
    """SHA-256 (64 lower-case hex digits) of the compiled content: a canonical JSON (sorted keys, no whitespace) of
    `compiled.to_dict()` without UNFINGERPRINTED_FIELDS. Equal fingerprints mean the reader saw the same sections,
    texts and figures; any change in a register that reaches the report, or in a narrative, changes it.

    The text is in the language the review was compiled in; compare fingerprints of one language only (see
    review_fingerprint)."""
    data = {name: value for name, value in compiled.to_dict().items() if name not in UNFINGERPRINTED_FIELDS}
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def review_fingerprint(review: ManagementReview) -> str:
    """content_fingerprint of `review` compiled now, in the PDF's language (as approval compiles it): what the head
    reads and what review_approve checks against before freezing the content."""
    with translation.override(PDF_LANGUAGE):
        return content_fingerprint(compile_review(review))
