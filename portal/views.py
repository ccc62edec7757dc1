"""The pages that combine the registers and the review: the start page of an organisation (what needs attention,
headline indicators) and the roll-up over every organisation a user is a member of (coverage and the latest
management review). Both answer in a fixed number of queries whatever the registers' sizes."""

import datetime

from django.contrib.auth.decorators import login_required
from django.db.models import OuterRef, Subquery
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from isms.display import display
from isms.models import Organisation
from isms.permissions import organisation_required
from registry.selectors import indicator_values, percent
from registry.selectors.attention import attention, coverage_of_organisations, incident_clocks
from registry.selectors.indicators import CLASSIFICATION_COVERAGE
from registry.selectors.registers import classification_counts
from registry.views.incidents import time_left
from reviews.models import ManagementReview, ReviewStatus

CHART_YEARS = 4  # year-ends shown in the coverage chart, the last completed year last
CLOCKS_SHOWN = 10  # running clocks listed on the start page; the rest are behind the link


def list_url(name: str, *args, **params) -> str | None:
    """The URL of `name` with `params` as its query string, or None while that page does not exist (a register
    whose screens have not landed yet): the start page then shows the figure without a link."""
    try:
        url = reverse(name, args=args)
    except NoReverseMatch:
        return None
    return f"{url}?{urlencode(params)}" if params else url


def _item(count: int, label: str, url: str | None, *, urgent: bool = False) -> dict:
    return {"count": count, "label": label, "url": url, "urgent": urgent and count > 0}


def attention_items(organisation, today: datetime.date, clocks, classification=None) -> list[dict]:
    """The start page's list of what needs attention, each with its count and the filtered list it links to.
    `classification`: the ClassificationGaps when already counted (the coverage chart's query gives them)."""
    a, n = attention(organisation, today, classification), clocks
    incidents = "registry:incidents:list"
    return [
        _item(
            n.breach_overdue,
            ngettext(
                "personal data breach has not been reported to IMY within 72 hours",
                "personal data breaches have not been reported to IMY within 72 hours",
                n.breach_overdue,
            ),
            list_url(incidents, clock="breach_overdue"),
            urgent=True,
        ),
        _item(
            n.nis2_overdue,
            ngettext(
                "significant incident (Cybersecurity Act) has an overdue report",
                "significant incidents (Cybersecurity Act) have an overdue report",
                n.nis2_overdue,
            ),
            list_url(incidents, clock="nis2_overdue"),
            urgent=True,
        ),
        # The yellow items count only what the red ones above do not: an overdue clock is listed once.
        _item(
            n.breach_waiting,
            ngettext(
                "personal data breach is awaiting a decision on notification to IMY",
                "personal data breaches are awaiting a decision on notification to IMY",
                n.breach_waiting,
            ),
            list_url(incidents, clock="breach_waiting"),
        ),
        _item(
            n.nis2_waiting,
            ngettext(
                "significant incident (Cybersecurity Act) has reports still to submit",
                "significant incidents (Cybersecurity Act) have reports still to submit",
                n.nis2_waiting,
            ),
            list_url(incidents, clock="nis2_waiting"),
        ),
        _item(
            a.missing_classifications,
            ngettext(
                "systems in use lack an information classification",
                "systems in use lack an information classification",
                a.missing_classifications,
            ),
            list_url("registry:assets:list", classification="missing", kind="system", in_use="yes"),
        ),
        _item(
            a.incomplete_classifications,
            ngettext(
                "system in use has an incomplete information classification (an aspect is not assessed)",
                "systems in use have an incomplete information classification (an aspect is not assessed)",
                a.incomplete_classifications,
            ),
            list_url("registry:assets:list", classification="incomplete", kind="system", in_use="yes"),
        ),
        _item(
            a.stale_classifications,
            ngettext(
                "systems in use have an out-of-date information classification (the review date has passed)",
                "systems in use have an out-of-date information classification (the review date has passed)",
                a.stale_classifications,
            ),
            list_url("registry:assets:list", classification="stale", kind="system", in_use="yes"),
        ),
        _item(
            a.planned_started,
            ngettext(
                "asset is still planned although its start date has passed (not counted as in operation)",
                "assets are still planned although their start date has passed (not counted as in operation)",
                a.planned_started,
            ),
            list_url("registry:assets:list", outdated_status="planned_started"),
        ),
        _item(
            a.retirement_passed,
            ngettext(
                "asset is still in operation although its decommissioning date has passed",
                "assets are still in operation although their decommissioning date has passed",
                a.retirement_passed,
            ),
            list_url("registry:assets:list", outdated_status="retirement_passed"),
        ),
        _item(
            a.processing_incomplete,
            ngettext(
                "processing activity lacks information required under Art. 30",
                "processing activities lack information required under Art. 30",
                a.processing_incomplete,
            ),
            list_url("registry:processing:list", incomplete="yes"),
        ),
        _item(
            a.processing_not_reviewed,
            ngettext(
                "processing activity has not been reviewed in the last 12 months",
                "processing activities have not been reviewed in the last 12 months",
                a.processing_not_reviewed,
            ),
            list_url("registry:processing:list", stale_review="yes"),
        ),
        _item(
            a.actions_overdue,
            ngettext(
                "action is past its due date",
                "actions are past their due date",
                a.actions_overdue,
            ),
            list_url("registry:actions:list", overdue="yes"),
            urgent=True,
        ),
        _item(
            a.recommendations_without_response,
            ngettext(
                "recommendation has no response",
                "recommendations have no response",
                a.recommendations_without_response,
            ),
            list_url("registry:recommendations:list", no_response="yes"),
        ),
        _item(
            a.documents_due,
            ngettext(
                "steering documents are due for review",
                "steering documents are due for review",
                a.documents_due,
            ),
            list_url("registry:documents:list", review_due="yes"),
        ),
        _item(
            a.routines_missing,
            ngettext(
                "mandatory routine is missing",
                "mandatory routines are missing",
                a.routines_missing,
            ),
            list_url("registry:documents:list", status="missing"),
        ),
    ]


CLOCK_LABELS = {
    "breach": lambda: _("Notification to IMY (72 hours)"),
    "early_warning": lambda: _("Early warning (24 hours)"),
    "notification": lambda: _("Incident notification (72 hours)"),
    "final_report": lambda: _("Final report (one month after notification)"),
}


def clock_rows(clocks, now: datetime.datetime) -> list[dict]:
    rows = []
    for clock in clocks.clocks[:CLOCKS_SHOWN]:
        rows.append(
            {
                "incident": clock.incident,
                "url": list_url("registry:incidents:detail", clock.incident.pk),
                "label": CLOCK_LABELS[clock.kind](),
                "deadline": display(clock.deadline),
                "left": time_left(clock.deadline, now),
                "overdue": clock.overdue,
            }
        )
    return rows


def coverage_chart(organisation, today: datetime.date) -> dict:
    """Coverage now and at the last CHART_YEARS year-ends, as bars of an inline SVG chart, and the stale and
    missing classifications (ClassificationGaps) of the systems in use today, for the attention list (two queries
    for both)."""
    years = list(range(today.year - CHART_YEARS, today.year))
    days = [datetime.date(year, 12, 31) for year in years] + [today]
    series, gaps = classification_counts(organisation, days, gaps_on=today)
    now = series[-1]
    width, height, top, bottom, gap = 60, 120, 20, 24, 16  # bar width, plot height, margins, gap between bars
    bars = []
    for index, coverage in enumerate(series):
        is_now = index == len(series) - 1
        value = coverage.percent
        bar_height = round(height * (value or 0) / 100)
        x = gap + index * (width + gap)
        bars.append(
            {
                "label": _("Today") if is_now else str(years[index]),
                "day": coverage.day,
                "coverage": coverage,
                "value": "–" if value is None else f"{value} %",
                "now": is_now,
                "x": x,
                "y": top + height - bar_height,
                "height": bar_height,
                "width": width,
                "text_x": x + width // 2,
                "value_y": top + height - bar_height - 6,
                "label_y": top + height + 16,
            }
        )
    chart_width = gap + len(series) * (width + gap)
    description = "; ".join(
        ngettext(
            "%(label)s: %(value)s (%(classified)d of %(systems)d system)",
            "%(label)s: %(value)s (%(classified)d of %(systems)d systems)",
            b["coverage"].systems,
        )
        % {
            "label": b["label"],
            "value": b["value"],
            "classified": b["coverage"].classified,
            "systems": b["coverage"].systems,
        }
        for b in bars
    )
    return {
        "series": {coverage.day: coverage for coverage in series},
        "gaps": gaps,
        "now": now,
        "now_text": "–" if now.percent is None else f"{now.percent} %",
        "bars": bars,
        "width": chart_width,
        "height": top + height + bottom,
        "baseline_y": top + height,
        "description": description,
    }


def other_indicators(organisation, today: datetime.date, coverage: dict | None = None) -> dict:
    """The computed and entered indicators other than coverage (shown in the chart), last year and this year so
    far, from the same selector the management review uses. `coverage`: classification coverage already computed,
    by day (the chart's), so that it is not computed twice."""
    years = [today.year - 1, today.year]
    rows = []
    for series in indicator_values(organisation, years, until=today, coverage=coverage):
        if series.code == CLASSIFICATION_COVERAGE:
            continue
        rows.append({"name": series.name, "values": [_format(series.values.get(y), series.unit) for y in years]})
    return {"years": years, "rows": rows}


def _format(value, unit: str) -> str:
    """ "50 %", "3 st.", "78,5 %" (decimal comma), "–" when missing."""
    if value is None:
        return "–"
    text = str(value)
    if "." in text:
        text = text.rstrip("0").rstrip(".").replace(".", ",")
    return f"{text} {unit}".strip()


@organisation_required
@require_http_methods(["GET"])
def home(request):
    """The start page (/): the dashboard of the organisation the user works in."""
    organisation = request.organisation
    now = timezone.now()
    today = timezone.localdate(now)
    clocks = incident_clocks(organisation, now)
    chart = coverage_chart(organisation, today)
    items = attention_items(organisation, today, clocks, chart["gaps"])
    return render(
        request,
        "portal/dashboard.html",
        {
            "today": today,
            "needs_attention": [item for item in items if item["count"]],
            "in_order": [item for item in items if not item["count"]],
            "clocks": clock_rows(clocks, now),
            "more_clocks": max(len(clocks.clocks) - CLOCKS_SHOWN, 0),
            "incidents_url": list_url("registry:incidents:list", clock="running"),
            "chart": chart,
            # The systems the coverage figure counts ("x of y systems in operation"): in use today by the rule.
            "assets_url": list_url("registry:assets:list", kind="system", in_use="yes"),
            "indicators": other_indicators(organisation, today, chart["series"]),
        },
    )


@require_http_methods(["GET"])
@login_required
def overview(request):
    """Every organisation the user is a member of, with classification coverage now and the status of its latest
    management review: the roll-up for a city-level reader. A fixed number of queries whatever the number of
    organisations and rows."""
    today = timezone.localdate()
    ids = [m.organisation_id for m in request.memberships]
    latest = ManagementReview.objects.filter(organisation=OuterRef("pk")).order_by("-plan_year", "-revision")
    organisations = {
        o.pk: o
        for o in Organisation.objects.filter(pk__in=ids).annotate(
            review_year=Subquery(latest.values("plan_year")[:1]),
            review_status=Subquery(latest.values("status")[:1]),
            review_approved_at=Subquery(latest.values("approved_at")[:1]),
        )
    }
    coverage = coverage_of_organisations(ids, today)
    statuses = dict(ManagementReview._meta.get_field("status").flatchoices)
    rows = []
    for membership in request.memberships:
        org = organisations[membership.organisation_id]
        rows.append(
            {
                "organisation": org,
                "membership": membership,
                "coverage": coverage[org.pk],
                "coverage_text": "–" if coverage[org.pk].percent is None else f"{coverage[org.pk].percent} %",
                "review_year": org.review_year,
                "review_status": statuses.get(org.review_status, ""),
                "review_approved": org.review_status == ReviewStatus.APPROVED,
                "review_approved_on": timezone.localdate(org.review_approved_at) if org.review_approved_at else None,
            }
        )
    systems = sum(row["coverage"].systems for row in rows)
    classified = sum(row["coverage"].classified for row in rows)
    overall = percent(classified, systems)
    return render(
        request,
        "portal/overview.html",
        {
            "today": today,
            "rows": rows,
            "systems": systems,
            "classified": classified,
            "overall": "–" if overall is None else f"{overall} %",
        },
    )
