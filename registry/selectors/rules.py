"""The registers' rules as database expressions, so that counts over whole registers are made by the database.

Each function here is the database form of a rule that is also written in Python (named in its docstring) and gives
the same answer for every row, on SQLite and on PostgreSQL (tests/registry/test_sql_rules.py compares them on
varied rows and on the boundaries). Nothing here queries by itself: these are Q objects and expressions for the
selectors (registers.py, privacy.py, attention.py) and the register filters to use.
"""

import datetime

from django.db.models import (
    BooleanField,
    Case,
    DateField,
    Exists,
    F,
    Func,
    Min,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.expressions import ValueRange, WindowFrameExclusion
from django.db.models.functions import ExtractYear, Lead
from django.utils import timezone

from ..models import (
    METHODS_WITH_TRACEABILITY,
    AssetKind,
    AssetStatus,
    Classification,
    ClassificationState,
    StatusOutdated,
    Transfers,
)

# Every character str.isspace() is true for, the ones str.strip() removes; TRIM(x) in SQL removes only spaces.
# (tests/registry/test_sql_rules.py checks the list against Python's.)
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
    "\u200a\u2028\u2029\u202f\u205f\u3000"
)

# Later than any real date: the "next classification" of an asset's newest classification.
NEVER = datetime.date(9999, 12, 31)


class Filled(Func):
    """The text column has something besides whitespace: the database form of `bool(value.strip())`.

    Its first character is not whitespace (cheap: most filled texts are decided here) or, failing that, something is
    left once TRIM(text, WHITESPACE) has removed the whitespace from both ends. Written out as SQL that SQLite and
    PostgreSQL both read (SUBSTR, LTRIM and TRIM with a set of characters), in one expression: the register counts
    use it several times per query, and a tree of smaller expressions made the ORM's work grow with each use."""

    arity = 1
    output_field = BooleanField()

    def as_sql(self, compiler, connection, **extra_context):
        column, params = compiler.compile(self.source_expressions[0])
        sql = f"(LTRIM(SUBSTR({column}, 1, 1), %s) <> '' OR TRIM({column}, %s) <> '')"
        return sql, (*params, WHITESPACE, *params, WHITESPACE)


def filled(name: str) -> Q:
    """See Filled."""
    return Q(Filled(name))


class InSubquery(Func):
    """`expression IN (subquery)`, as a condition. On PostgreSQL written `expression = ANY(ARRAY(subquery))`, the
    same set, which the planner answers through the column's index for just those values, where for IN it read the
    whole table (every organisation's rows) and hashed it.

    For a table read on its own (the history of processing), not for the inner side of a join: there, without
    statistics (a freshly loaded database), PostgreSQL chose to search the array once per outer row, and a start
    page took seconds. The classification counts join to the asset and filter on it instead."""

    arity = 2
    output_field = BooleanField()

    def __init__(self, expression, queryset, **extra):
        super().__init__(expression, Subquery(queryset.order_by()), **extra)

    def as_sql(self, compiler, connection, template="%s IN %s", **extra_context):
        lhs, lhs_params = compiler.compile(self.source_expressions[0])
        subquery, subquery_params = compiler.compile(self.source_expressions[1])
        return template % (lhs, subquery), (*lhs_params, *subquery_params)

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="%s = ANY(ARRAY%s)")


def flag(condition: Q) -> Case:
    """`condition` as a boolean column, to compute it once per row under a window rather than once per count."""
    return Case(When(condition, then=Value(True)), default=Value(False), output_field=BooleanField())


# The text fields whose emptiness (after strip()) makes an Art. 30(1) item missing.
ART30_TEXTS = (
    "controller_contact",  # a
    "purposes",  # b
    "data_subject_categories",  # c
    "personal_data_categories",  # c
    "recipients",  # d
    "retention",  # f
    "security_measures",  # g
)


def processing_complete() -> Q:
    """A processing record (or one of its historical versions) with every Art. 30(1) item: the database form of
    ProcessingActivity.missing_items() being empty (is_complete)."""
    condition = Q()
    for name in ART30_TEXTS:
        condition &= filled(name)
    transfers_answered = Q(transfers=Transfers.NONE) | (
        Q(transfers=Transfers.YES) & filled("transfer_countries") & ~Q(transfer_safeguard="")
    )
    return condition & transfers_answered


def year_before(day: datetime.date) -> datetime.date:
    """The same calendar date a year earlier (28 February for 29 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def reviewed_within_12_months(day: datetime.date) -> Q:
    """The database form of ProcessingActivity.reviewed_within_12_months(day): reviewed on or before `day` and after
    the same date a year before."""
    return Q(last_reviewed_on__gt=year_before(day), last_reviewed_on__lte=day)


def version_shown_until() -> Window:
    """For a row of a django-simple-history table: the date of its record's next later version (strictly later:
    versions with the very same date are one step), NULL for the latest. `history.as_of(moment)` shows this version
    when its history_date is up to the moment and this date is after it (or NULL), unless it is a deletion; versions
    with the very same date are shown together, as in as_of."""
    return Window(
        Min("history_date"),
        partition_by=[F("id")],
        order_by=F("history_date").asc(),
        frame=ValueRange(start=0, end=None, exclusion=WindowFrameExclusion.GROUP),
    )


def version_shown_at(moment: datetime.datetime, shown_until: str = "shown_until") -> Q:
    """A history row that `history.as_of(moment)` reads (deletions included); `shown_until` names the annotation
    of version_shown_until()."""
    return Q(history_date__lte=moment) & (Q(**{f"{shown_until}__isnull": True}) | Q(**{f"{shown_until}__gt": moment}))


def asset_in_use_on(day: datetime.date, prefix: str = "") -> Q:
    """An asset in use on `day`, the database form of InformationAsset.is_in_use_on: not planned (a planned asset
    is never in use, whatever its start date), put into use on or before the day and not retired, or retired after
    it (an asset retired on the day no longer counts). `prefix` reaches the asset from another model, e.g.
    "asset__"."""
    return Q(**{f"{prefix}status__in": [AssetStatus.IN_USE, AssetStatus.RETIRED], f"{prefix}in_use_from__lte": day}) & (
        Q(**{f"{prefix}retired_on__isnull": True}) | Q(**{f"{prefix}retired_on__gt": day})
    )


def system_in_use_on(day: datetime.date, prefix: str = "") -> Q:
    """An asset of kind system in use on `day` (asset_in_use_on), as classification coverage counts it (DESIGN.md
    §3) and the start page counts "systems in operation"."""
    return Q(**{f"{prefix}kind": AssetKind.SYSTEM}) & asset_in_use_on(day, prefix)


def status_outdated(value: str, day: datetime.date) -> Q:
    """Assets whose stored status contradicts their dates on `day` in the way `value` (StatusOutdated) names: the
    database form of InformationAsset.status_outdated_on(day) == value."""
    if value == StatusOutdated.PLANNED_STARTED:
        return Q(status=AssetStatus.PLANNED, in_use_from__lte=day)
    return Q(status=AssetStatus.IN_USE, retired_on__lte=day)


def next_decided_on() -> Window:
    """For a classification row: the decided_on of the same asset's next classification in the order
    (decided_on, id), NEVER for the newest. A classification is the one in force on the days from its decided_on up
    to the day before this date; of two decided the same day, only the one registered last is ever in force."""
    return Window(
        Lead("decided_on", default=Value(NEVER, output_field=DateField())),
        partition_by=[F("asset_id")],
        order_by=[F("decided_on").asc(), F("id").asc()],
    )


def in_force_on(day: datetime.date, next_on: str = "next_on") -> Q:
    """A classification in force on `day`: the asset's newest decided on or before the day (ties: the last
    registered). `next_on` names the annotation of next_decided_on()."""
    return Q(decided_on__lte=day, **{f"{next_on}__gt": day})


def in_force_on_without_window(day: datetime.date) -> Q:
    """in_force_on without the window, for one day: decided on or before the day, and no classification of the same
    asset decided on or before it comes later in (decided_on, id). PostgreSQL answers it with an anti-join, which
    suits counts grouped by organisation (a window cannot be grouped in the same query)."""
    later = Classification.objects.filter(asset_id=OuterRef("asset_id"), decided_on__lte=day).filter(
        Q(decided_on__gt=OuterRef("decided_on")) | Q(decided_on=OuterRef("decided_on"), id__gt=OuterRef("id"))
    )
    return Q(decided_on__lte=day) & ~Q(Exists(later))


def in_force_of_outer_asset(day: datetime.date):
    """For a subquery under an InformationAsset queryset: the outer asset's classifications decided on or before
    `day`, newest first (ties: the last registered), so `[:1]` is the one in force on `day` (as in_force_on)."""
    return Classification.objects.filter(asset=OuterRef("pk"), decided_on__lte=day).order_by("-decided_on", "-id")


def assessed() -> Q:
    """A classification with K, R and T assessed, and S too for the methods that have it (METHODS_WITH_TRACEABILITY)."""
    return Q(confidentiality__isnull=False, integrity__isnull=False, availability__isnull=False) & (
        ~Q(method__in=list(METHODS_WITH_TRACEABILITY)) | Q(traceability__isnull=False)
    )


def classification_in_force_of_outer_asset(day: datetime.date) -> dict:
    """Annotations for an InformationAsset queryset that classification_state() reads: of the classification in
    force on `day` (in_force_of_outer_asset), whether it is assessed() (NULL when there is none) and its next review
    date."""
    newest = in_force_of_outer_asset(day)
    return {
        "in_force_assessed": Subquery(newest.annotate(assessed_flag=flag(assessed())).values("assessed_flag")[:1]),
        "in_force_review_due": Subquery(newest.values("next_review_due")[:1]),
    }


def classification_state(state: str, day: datetime.date) -> Q:
    """Assets whose classification in force on `day` is in `state` (ClassificationState: missing, incomplete,
    stale, current, in that order of precedence), over the annotations of classification_in_force_of_outer_asset:
    the database form of Classification.state_on (and of having none in force)."""
    if state == ClassificationState.MISSING:
        return Q(in_force_assessed__isnull=True)
    if state == ClassificationState.INCOMPLETE:
        return Q(in_force_assessed=False)
    if state == ClassificationState.STALE:
        return Q(in_force_assessed=True, in_force_review_due__lt=day)
    return Q(in_force_assessed=True) & (Q(in_force_review_due__isnull=True) | Q(in_force_review_due__gte=day))


def review_not_passed(day: datetime.date) -> Q:
    """A classification whose next review is not before `day` (due on the day is still current), or not set."""
    return Q(next_review_due__isnull=True) | Q(next_review_due__gte=day)


def counts_as_classified(day: datetime.date, assessed_flag: str | None = None) -> Q:
    """A classification that, when in force on `day`, makes its system count as classified: assessed() and its
    review not passed. `assessed_flag` names an annotation flag(assessed()) to read instead of the levels."""
    return (Q(**{assessed_flag: True}) if assessed_flag else assessed()) & review_not_passed(day)


def year_start(year: int) -> datetime.datetime | None:
    """Midnight at the start of 1 January of `year` in Europe/Stockholm (the current time zone), as an aware
    datetime; None for a year whose start cannot be an instant (before year 2: earlier than the first instant in
    UTC; after 9999: beyond Python's calendar). Never raises for an int."""
    if not datetime.MINYEAR < year <= datetime.MAXYEAR:
        return None
    return timezone.make_aware(datetime.datetime(year, 1, 1))


def became_aware_in_years(first: int, last: int) -> Q:
    """Incidents that became known in the Stockholm years `first` to `last` (inclusive): the database form of
    `first <= Incident.counted_year <= last`, as a range on became_aware_at (its index serves it). Any ints: a bound
    at or beyond the ends of the calendar is left open (year 9999 reaches to the last instant stored), and a range
    that lies wholly beyond them, or is empty, matches nothing."""
    if first > last or first > datetime.MAXYEAR or last < datetime.MINYEAR:
        return Q(pk__in=[])
    condition = Q()
    if (start := year_start(first)) is not None:
        condition &= Q(became_aware_at__gte=start)
    if (end := year_start(last + 1)) is not None:
        condition &= Q(became_aware_at__lt=end)
    return condition


def became_aware_year() -> ExtractYear:
    """An incident's Stockholm year of becoming aware, the year it counts in: the database form of
    Incident.counted_year, to group or list by it."""
    return ExtractYear("became_aware_at", tzinfo=timezone.get_current_timezone())
