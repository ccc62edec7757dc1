"""The counts made by the database (registry.selectors.rules and the selectors that use it) give exactly what the
Python they replaced gave, on SQLite and on PostgreSQL.

The references below are the selectors as they were before the counts moved into SQL: classification coverage and
the start page's classification and processing figures computed in Python over every row, and the register of
processing read with `history.as_of` (the reference of test_selector_equivalence). They are compared on rows drawn
at random around the boundaries the docstrings name (the day itself, the day before and after, ties on the same day
and at the same moment, 29 February, whitespace-only texts), with fixed seeds, and on hand-made edge cases.
"""

import datetime
import random
import sys
from collections import defaultdict

import pytest
from django.db.models import Q
from django.utils import timezone

from registry import selectors
from registry.filters.processing import ProcessingFilter
from registry.models import (
    METHODS_WITH_TRACEABILITY,
    AssetKind,
    AssetStatus,
    Classification,
    ClassificationMethod,
    ClassificationState,
    InformationAsset,
    ProcessingActivity,
    StatusOutdated,
    Transfers,
    TransferSafeguard,
)
from registry.selectors.attention import classification_gaps, coverage_of_organisations, processing_gaps
from registry.selectors.privacy import end_of_day
from registry.selectors.registers import classification_counts
from registry.selectors.rules import (
    WHITESPACE,
    asset_in_use_on,
    classification_in_force_of_outer_asset,
    classification_state,
    processing_complete,
    reviewed_within_12_months,
    status_outdated,
)
from tests.factories import organisation

D = datetime.date
pytestmark = pytest.mark.django_db

# Texts whose strip() is empty or not, including characters SQL's plain TRIM() keeps and Python's strip() removes,
# and a zero-width space, which is not whitespace to Python (so the text counts as filled).
TEXTS = [
    "",
    " ",
    "   ",
    "\t",
    "\n \r\n",
    "\xa0",
    "\u3000",
    "\u2028",
    "\x1c",
    " x",
    "x ",
    "\u00a0ok\u00a0",
    "ok",
    "\u200b",
]


# --- References: the Python the database replaced -------------------------------------------------------------------


def reference_coverage(org, day):
    """classification_coverage_series for one day as it was computed in Python (every system, every classification);
    a planned asset is never in use, whatever its dates (InformationAsset.is_in_use_on)."""
    systems = classified = 0
    for asset in InformationAsset.objects.filter(organisation=org, kind=AssetKind.SYSTEM, in_use_from__lte=day):
        if asset.retired_on is not None and asset.retired_on <= day:
            continue
        if asset.status == AssetStatus.PLANNED:
            continue
        systems += 1
        current = None
        for c in Classification.objects.filter(asset=asset, decided_on__lte=day).order_by("decided_on", "id"):
            current = c
        if current is None:
            continue
        complete = None not in (current.confidentiality, current.integrity, current.availability) and (
            current.method not in METHODS_WITH_TRACEABILITY or current.traceability is not None
        )
        if complete and (current.next_review_due is None or current.next_review_due >= day):
            classified += 1
    return (systems, classified)


def reference_classification_gaps(org, day):
    """classification_gaps in Python: the systems in use on the day (InformationAsset.is_in_use_on), each with the
    state of its classification in force (Classification.state_on), counted (stale, missing, incomplete)."""
    stale = missing = incomplete = 0
    for asset in InformationAsset.objects.filter(organisation=org, kind=AssetKind.SYSTEM):
        if not asset.is_in_use_on(day):
            continue
        current = asset.classifications.filter(decided_on__lte=day).order_by("-decided_on", "-id").first()
        state = current.state_on(day) if current else ClassificationState.MISSING
        stale += state == ClassificationState.STALE
        missing += state == ClassificationState.MISSING
        incomplete += state == ClassificationState.INCOMPLETE
    return (stale, missing, incomplete)


def reference_asset_filter(org, day, value):
    """The asset list's classification filter in Python: the assets whose classification in force on the day is in
    state `value` (Classification.state_on; missing without one), any kind and status."""
    names = set()
    for asset in InformationAsset.objects.filter(organisation=org):
        current = asset.classifications.filter(decided_on__lte=day).order_by("-decided_on", "-id").first()
        if (current.state_on(day) if current else ClassificationState.MISSING) == value:
            names.add(asset.pk)
    return names


def reference_processing_gaps(org, day):
    """processing_gaps as it was: the model's own methods over every current record."""
    total = incomplete = not_reviewed = 0
    for record in ProcessingActivity.objects.filter(organisation=org).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=day)
    ):
        total += 1
        incomplete += bool(record.missing_items())
        not_reviewed += not record.reviewed_within_12_months(day)
    return (total, incomplete, not_reviewed)


def reference_processing_status(org, day):
    """processing_register_status as history.as_of reads it (as in test_selector_equivalence)."""
    records = (
        ProcessingActivity.history.as_of(end_of_day(day))
        .filter(organisation_id=org.pk)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=day))
    )
    total = complete = reviewed = 0
    incomplete = []
    for record in records:
        total += 1
        missing = record.missing_items()
        if missing:
            incomplete.append((record.pk, record.name, missing))
        else:
            complete += 1
        reviewed += record.reviewed_within_12_months(day)
    incomplete.sort(key=lambda row: row[1])
    return (total, complete, reviewed, incomplete)


# --- Random rows around the boundaries ------------------------------------------------------------------------------

IN_USE_FROM = D(2020, 1, 1)
DAYS = [D(2020, 2, 29), D(2021, 3, 1), D(2021, 12, 31), D(2022, 6, 15), D(2022, 12, 31), D(2023, 1, 1), D(2024, 2, 29)]


def near(rng, days=DAYS):
    """A date on, just before or just after one of `days`, or further off."""
    day = rng.choice(days)
    return day + datetime.timedelta(days=rng.choice([-400, -366, -365, -1, 0, 0, 1, 1, 30, 365]))


def random_classifications(rng, org, n_assets):
    for i in range(n_assets):
        in_use_from = rng.choice([None, near(rng), near(rng), D(2019, 1, 1)])
        retired_on = None
        if in_use_from and rng.random() < 0.4:
            retired_on = max(in_use_from, near(rng))
        if retired_on:
            status = rng.choice([AssetStatus.RETIRED, AssetStatus.IN_USE])  # not yet marked retired
        else:
            status = rng.choice([AssetStatus.IN_USE, AssetStatus.PLANNED]) if in_use_from else AssetStatus.PLANNED
        asset = InformationAsset.objects.create(
            organisation=org,
            name=f"Tillgång {i}",
            kind=rng.choice([AssetKind.SYSTEM] * 4 + [AssetKind.INFORMATION_SET]),
            in_use_from=in_use_from,
            retired_on=retired_on,
            status=status,
        )
        decided = [near(rng) for _ in range(rng.choice([0, 1, 1, 2, 3, 4]))]
        if decided and rng.random() < 0.3:
            decided.append(decided[0])  # two decided the same day: the one registered last is in force
        for day in decided:
            method = rng.choice(list(ClassificationMethod.values))
            levels = [rng.choice([None, 0, 1, 2, 3, 4, 2, 2]) for _ in range(4)]
            due = rng.choice([None, near(rng), day + datetime.timedelta(days=3 * 365)])
            if due is not None and due <= day:
                due = day + datetime.timedelta(days=1)  # the review comes after the decision
            Classification.objects.create(
                asset=asset,
                decided_on=day,
                method=method,
                confidentiality=levels[0],
                integrity=levels[1],
                availability=levels[2],
                traceability=levels[3],
                next_review_due=due,
            )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_classification_counts_match_the_python_they_replaced(seed):
    rng = random.Random(seed)
    org, other = organisation(), organisation()
    random_classifications(rng, org, 60)
    random_classifications(rng, other, 20)
    days = DAYS + [near(rng) for _ in range(5)]

    series = selectors.classification_coverage_series(org, days)
    assert [(c.day, c.systems, c.classified) for c in series] == [(d, *reference_coverage(org, d)) for d in days]
    for day in days:
        both = coverage_of_organisations([org.pk, other.pk], day)
        assert (both[org.pk].systems, both[org.pk].classified) == reference_coverage(org, day), day
        assert (both[other.pk].systems, both[other.pk].classified) == reference_coverage(other, day), day
        assert classification_gaps(org, day) == reference_classification_gaps(org, day), day
        # The start page reads both from one pair of queries: the same figures.
        together, gaps = classification_counts(org, days, gaps_on=day)
        assert together == series
        assert gaps == reference_classification_gaps(org, day), day


@pytest.mark.parametrize("seed", [1, 2])
def test_the_asset_rules_match_the_models_python(seed):
    """The asset list's filters and the start page's asset counts (rules.classification_state, asset_in_use_on,
    status_outdated) give the rows the model's own methods pick (Classification.state_on, is_in_use_on,
    status_outdated_on), planned assets with past dates and assets in use past their decommissioning included."""
    rng = random.Random(seed)
    org = organisation()
    random_classifications(rng, org, 60)
    assets = list(InformationAsset.objects.filter(organisation=org))
    for day in DAYS + [near(rng) for _ in range(3)]:
        rows = InformationAsset.objects.filter(organisation=org)
        annotated = rows.annotate(**classification_in_force_of_outer_asset(day))
        for state in ClassificationState.values:
            found = set(annotated.filter(classification_state(state, day)).values_list("pk", flat=True))
            assert found == reference_asset_filter(org, day, state), (day, state)
        in_use = set(rows.filter(asset_in_use_on(day)).values_list("pk", flat=True))
        assert in_use == {a.pk for a in assets if a.is_in_use_on(day)}, day
        not_in_use = set(rows.exclude(asset_in_use_on(day)).values_list("pk", flat=True))
        assert not_in_use == {a.pk for a in assets} - in_use, day
        for value in StatusOutdated.values:
            found = set(rows.filter(status_outdated(value, day)).values_list("pk", flat=True))
            assert found == {a.pk for a in assets if a.status_outdated_on(day) == value}, (day, value)


def test_classification_boundaries():
    """The rules' own boundaries, one by one (the docstring of classification_coverage_series)."""
    org = organisation()
    day = D(2023, 6, 1)

    def add(in_use_from=IN_USE_FROM, retired_on=None, classifications=()):
        asset = InformationAsset.objects.create(
            organisation=org,
            name="x",
            kind=AssetKind.SYSTEM,
            in_use_from=in_use_from,
            retired_on=retired_on,
            status=AssetStatus.IN_USE if in_use_from else AssetStatus.PLANNED,
        )
        for decided_on, levels, due, method in classifications:
            k, r, t, s = levels
            Classification.objects.create(
                asset=asset,
                decided_on=decided_on,
                confidentiality=k,
                integrity=r,
                availability=t,
                traceability=s,
                next_review_due=due,
                method=method,
            )

    full, klassa, msb = (2, 2, 2, 2), ClassificationMethod.KLASSA_4, ClassificationMethod.MSB
    add(in_use_from=day, classifications=[(day, full, None, klassa)])  # put into use and decided on the day
    add(classifications=[(D(2021, 1, 1), full, day, klassa)])  # due on the day: still current
    add(retired_on=day, classifications=[(day, full, None, klassa)])  # retired on the day: not counted
    add(retired_on=day + datetime.timedelta(days=1), classifications=[(D(2021, 1, 1), full, None, klassa)])
    add(classifications=[(D(2021, 1, 1), full, day - datetime.timedelta(days=1), klassa)])  # stale since yesterday
    add(classifications=[(D(2021, 1, 1), full, None, klassa), (day, (2, 2, None, 1), None, klassa)])  # newer, not full
    add(
        classifications=[
            (D(2021, 1, 1), full, None, klassa),
            (day + datetime.timedelta(days=1), (1,) * 4, None, klassa),
        ]
    )
    add(classifications=[(day, full, None, klassa), (day, (2, 2, 2, None), None, klassa)])  # same day: the last counts
    add(classifications=[(day, (2, 2, 2, None), None, klassa), (day, full, None, klassa)])
    add(classifications=[(D(2021, 1, 1), (2, 2, 2, None), None, msb)])  # S is not part of MSB's method
    add(in_use_from=day + datetime.timedelta(days=1), classifications=[(D(2021, 1, 1), full, None, klassa)])
    add(in_use_from=None)
    days = [day - datetime.timedelta(days=1), day, day + datetime.timedelta(days=1)]
    series = selectors.classification_coverage_series(org, days)
    assert [(c.systems, c.classified) for c in series] == [reference_coverage(org, d) for d in days]
    assert (series[1].systems, series[1].classified) == (9, 6)


def test_whitespace_is_what_python_strips():
    assert WHITESPACE == "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace())


def test_processing_completeness_and_review_match_the_model(rf):
    """processing_complete() and reviewed_within_12_months() against ProcessingActivity.missing_items() and
    reviewed_within_12_months(), field by field and text by text, in the selector and in the list filter."""
    org = organisation()
    complete = {
        "controller_contact": "Nämnden",
        "purposes": "Handläggning",
        "data_subject_categories": "Sökande",
        "personal_data_categories": "Namn",
        "recipients": "Ingen",
        "transfers": Transfers.NONE,
        "retention": "5 år",
        "security_measures": "Loggning",
    }
    texts = [*complete.keys() - {"transfers"}, "transfer_countries"]
    n = 0
    for name in texts:
        for text in TEXTS:
            values = {**complete, name: text}
            if name == "transfer_countries":
                values.update(transfers=Transfers.YES, transfer_safeguard=TransferSafeguard.SCC)
            ProcessingActivity.objects.create(organisation=org, name=f"{n:03}", **values)
            n += 1
    for transfers, countries, safeguard in [
        ("", "", ""),
        (Transfers.YES, "USA", ""),
        (Transfers.YES, "USA", TransferSafeguard.DPF),
        (Transfers.NONE, "", ""),
    ]:
        values = {**complete, "transfers": transfers, "transfer_countries": countries, "transfer_safeguard": safeguard}
        ProcessingActivity.objects.create(organisation=org, name=f"{n:03}", **values)
        n += 1
    records = ProcessingActivity.objects.filter(organisation=org)
    expected = {r.name for r in records if not r.missing_items()}
    assert {r.name for r in records.filter(processing_complete())} == expected
    assert 0 < len(expected) < n
    today = timezone.localdate()
    request = rf.get("/")
    for value, names in [("no", expected), ("yes", {r.name for r in records} - expected)]:
        found = ProcessingFilter({"incomplete": value}, queryset=records, request=request).qs
        assert {r.name for r in found} == names

    # Reviewed within 12 months: the boundaries of the model's rule, 29 February included.
    day = D(2024, 2, 29)
    reviewed_on = [None, D(2023, 2, 27), D(2023, 2, 28), D(2023, 3, 1), D(2024, 2, 28), day, D(2024, 3, 1)]
    for i, last in enumerate(reviewed_on):
        ProcessingActivity.objects.create(organisation=org, name=f"r{i}", last_reviewed_on=last, **complete)
    for check_day in [day, D(2024, 3, 1), D(2025, 2, 28), D(2023, 3, 1), today]:
        expected = {r.name for r in records.all() if r.reviewed_within_12_months(check_day)}
        assert {r.name for r in records.filter(reviewed_within_12_months(check_day))} == expected, check_day
    assert processing_gaps(org, day) == reference_processing_gaps(org, day)


def at(day, hour=12, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_processing_register_matches_as_of_on_random_histories(seed):
    """Records with several versions at random moments (around midnight of the days asked, some at the very same
    moment), moved between organisations, ended, deleted, reviewed and completed at boundary dates."""
    rng = random.Random(seed)
    org, other = organisation(), organisation()
    days = DAYS + [near(rng) for _ in range(3)]
    complete = {
        "controller_contact": "Nämnden",
        "purposes": "Handläggning",
        "data_subject_categories": "Sökande",
        "personal_data_categories": "Namn",
        "recipients": "Ingen",
        "transfers": Transfers.NONE,
        "retention": "5 år",
        "security_measures": "Loggning",
    }

    def moment():
        day = near(rng, days)
        return rng.choice([at(day), at(day, 0, 0), at(day, 23, 59), end_of_day(day), at(day, 0, 0)])

    for i in range(40):
        moments = sorted(moment() for _ in range(rng.choice([1, 1, 2, 3, 4])))
        if rng.random() < 0.2:
            moments.append(moments[-1])  # two versions at the very same moment
        record = None
        for when in moments:
            values = {**complete, rng.choice(list(complete)): rng.choice(TEXTS)} if rng.random() < 0.5 else complete
            if record is None:
                record = ProcessingActivity(organisation=rng.choice([org, org, other]), name=f"P{i % 30}", **values)
            else:
                for name, value in values.items():
                    setattr(record, name, value)
                if rng.random() < 0.2:
                    record.organisation = other if record.organisation_id == org.pk else org
            record.ended_on = rng.choice([None, None, None, near(rng, days)])
            record.last_reviewed_on = rng.choice([None, near(rng, days), near(rng, days)])
            record._history_date = when
            record.save()
        if rng.random() < 0.1:
            record._history_date = max(moment(), moments[-1])
            record.delete()

    series = selectors.processing_register_series(org, days)
    counts = selectors.processing_register_series(org, days, incomplete=False)
    for day, status, count in zip(days, series, counts, strict=True):
        expected = reference_processing_status(org, day)
        assert (status.total, status.complete, status.reviewed, status.incomplete) == expected, day
        assert (count.total, count.complete, count.reviewed, count.incomplete) == (*expected[:3], []), day
        single = selectors.processing_register_status(org, day)
        assert (single.total, single.complete, single.reviewed, single.incomplete) == expected, day
    for day in days:
        assert processing_gaps(org, day) == reference_processing_gaps(org, day), day


def test_indicator_values_agree_with_the_references():
    """indicator_values, the one source of the start page, the indicator page, /overview/ and the review, gives the
    references' figures."""
    rng = random.Random(7)
    org = organisation()
    random_classifications(rng, org, 30)
    years = [2020, 2021, 2022, 2023]
    until = D(2023, 6, 1)
    series = {s.code: s.values for s in selectors.indicator_values(org, years, until=until)}
    by_day = defaultdict(dict)
    for year in years:
        day = selectors.measurement_day(year, until)
        systems, classified = reference_coverage(org, day)
        by_day[year] = selectors.percent(classified, systems)
    assert series["classification_coverage"] == dict(by_day)
