"""A large organisation for the benchmark: every register filled, deterministically from a seed, in a few seconds.

    org = generate_large_organisation(code="large", seed=1)            # the full size (SIZES)
    org = generate_large_organisation(code="small", seed=1, scale=0.02)  # 2 % of it, for tests

Rows are written with `bulk_create`; models with django-simple-history go through simple_history's
`bulk_create_with_history`, so every row has its "+" history entry dated at the row's `created_at` (set in the
past, not "now"). The register of processing is read through `history.as_of(...)` by the review, so its history
is dated: each record's creation at its `created_at`, and a later "~" entry where the record was completed or
reviewed afterwards. Many-to-many links (processing ↔ systems, incidents ↔ assets, risks ↔ assets/actions) are
bulk-inserted into the through tables without m2m history; the review does not read it.

The same seed and scale always give the same rows (dates are fixed, not relative to today); only database ids and
the users' absence (`created_by` is empty) differ from a hand-made organisation. Incident references are allocated
as the service would: per Stockholm year, numbered by `became_aware_at`, and an IncidentCounter row per year holds
the last number, so `incident_create` continues the sequence without a gap.

The organisation gets a draft ManagementReview for plan year 2024 with cut-off 2023-11-15 and a row for every
section: the narratives are copied from the demo organisation's (eav) 2024 review when it is in the database, else
taken from portal.demo, and section 4.4 (incidents) is added so the incident figures are compiled too.
"""

from __future__ import annotations

import contextlib
import datetime
import random
from collections import defaultdict
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from isms.models import Organisation
from registry.models import (
    METHODS_WITH_TRACEABILITY,
    Action,
    ActionStatus,
    AgreementStatus,
    AssetKind,
    AssetStatus,
    AuditReport,
    AuditReportArea,
    Classification,
    ClassificationMethod,
    ControlCheck,
    DocumentKind,
    DocumentStatus,
    DpoArea,
    ExternalFactor,
    FactorCategory,
    Hosting,
    Incident,
    IncidentCounter,
    IncidentStatus,
    Indicator,
    IndicatorKind,
    InformationAsset,
    Issuer,
    LegalBasis,
    Measurement,
    Priority,
    ProcessingActivity,
    Recommendation,
    RecommendationStatus,
    Risk,
    RiskStatus,
    Severity,
    SteeringDocument,
    Theme,
    Transfers,
    TransferSafeguard,
    Treatment,
)
from reviews import sections as S
from reviews.models import ManagementReview, ReviewFactor, ReviewSection, ReviewStatus

D = datetime.date
STHLM = ZoneInfo("Europe/Stockholm")

PLAN_YEAR = 2024
CUTOFF = D(2023, 11, 15)
#: The registers start here: rows are created (and their history dated) from this day on.
REGISTER_START = D(2019, 1, 7)

#: Row counts at scale 1 (issue 2 §6 and issue 3).
SIZES = {
    "assets": 2000,
    "recommendations": 200,
    "actions": 150,
    "control_checks": 100,
    "steering_documents": 40,
    "external_factors": 10,
    "processing_activities": 1000,
    "incidents": 300,
    "risks": 200,
}
#: The least of each at any scale, so that every section of the review has something to show.
MINIMUMS = {
    "assets": 20,
    "recommendations": 12,
    "actions": 8,
    "control_checks": 5,
    "steering_documents": 4,
    "external_factors": 3,
    "processing_activities": 10,
    "incidents": 10,
    "risks": 8,
}
BATCH = 500


def sizes_for(scale: float) -> dict[str, int]:
    """Row counts for `scale` (1.0 = SIZES), never below MINIMUMS."""
    return {name: max(MINIMUMS[name], round(count * scale)) for name, count in SIZES.items()}


# ---------------------------------------------------------------------------------------------------------------------
# Word lists
# ---------------------------------------------------------------------------------------------------------------------

UNITS = [
    "äldreomsorg",
    "individ- och familjeomsorg",
    "förskola",
    "administration",
    "stadsmiljö",
    "kultur och fritid",
    "socialpsykiatri",
    "ekonomi",
    "HR",
    "kommunikation",
]
UNIT_HEADS = {unit: f"Avdelningschef, {unit}" for unit in UNITS}
SYSTEM_WORDS = [
    "Verksamhetssystem",
    "E-tjänst",
    "Journalsystem",
    "Bokningssystem",
    "Ärendehanteringssystem",
    "Planeringsverktyg",
    "Larmsystem",
    "Passersystem",
    "Rapportverktyg",
    "Kommunikationsplattform",
]
INFO_WORDS = ["Personakter", "Avtal", "Fakturaunderlag", "Ansökningar", "Beslut", "Protokoll", "Loggar"]
PROCESS_WORDS = ["Handläggning", "Utbetalning", "Rekrytering", "Tillsyn", "Inskrivning", "Bemanning"]
SUPPLIERS = ["Tietoevry", "CGI", "Visma", "Evry", "Atea", "Microsoft", "Stratsys", "Phoniro", "Tunstall", "Egen"]

RECOMMENDATION_TEXTS = [
    "Säkerställ att informationsklassning genomförs för samtliga verksamhetssystem inom {unit}",
    "Ta fram en rutin för regelbunden översyn av behörigheter inom {unit}",
    "Säkerställ att registerförteckningen hålls fullständig och aktuell för {unit}",
    "Genomför konsekvensbedömningar för behandlingar med känsliga personuppgifter inom {unit}",
    "Tydliggör ansvaret för informationssäkerhet i upphandlingar som rör {unit}",
    "Säkerställ att personuppgiftsbiträdesavtal finns för samtliga leverantörer inom {unit}",
    "Ta fram och öva kontinuitetsplaner för samhällsviktig verksamhet inom {unit}",
    "Säkerställ att medarbetare inom {unit} genomför stadens obligatoriska e-utbildning",
    "Inför loggkontroller av åtkomst till personuppgifter inom {unit}",
    "Uppdatera rutinen för hantering av personuppgiftsincidenter och gör den känd inom {unit}",
]
DPO_AREA_TEXTS = {
    DpoArea.RECORDS: "Registerförteckningen är i huvudsak fullständig; flera behandlingar har inte setts över.",
    DpoArea.STEERING_DOCUMENTS: "Styrdokumenten finns men flera har passerat sitt översynsdatum.",
    DpoArea.MEASURES: "Informationsklassningen pågår men många system saknar ännu en aktuell klassning.",
    DpoArea.DPIA: "Konsekvensbedömningar genomförs vid behov men dokumenteras inte alltid.",
    DpoArea.RIGHTS: "Begäranden om registerutdrag har besvarats inom föreskriven tid.",
    DpoArea.BREACHES: "Personuppgiftsincidenter dokumenteras, men anmälan sker ibland efter 72 timmar.",
}
ACTION_TITLES = {
    Theme.CLASSIFICATION: "Informationsklassning av verksamhetssystemen inom {unit}",
    Theme.COMPETENCE: "Utbildning i informationssäkerhet för medarbetare inom {unit}",
    Theme.NIS2: "Anpassning till cybersäkerhetslagen för samhällsviktig verksamhet inom {unit}",
    Theme.INCIDENTS: "Övning av incidentrutinen inom {unit}",
    Theme.ACCESS: "Översyn av behörigheter i verksamhetssystemen inom {unit}",
    Theme.PROCUREMENT: "Krav på informationssäkerhet i upphandlingar inom {unit}",
    Theme.CONTINUITY: "Kontinuitetsplan för kritiska system inom {unit}",
    Theme.STEERING: "Översyn av lokala rutiner inom {unit}",
}
CONTROL_TEXTS = [
    ("Behörighetshantering", "Stickprov: behörigheter i {system} stämmer med tjänstgöring"),
    ("Behörighetshantering", "Stickprov: avslutade anställningar har fått behörigheter borttagna i {system}"),
    ("Systematiskt informationssäkerhetsarbete", "Stickprov: {system} har utsedd systemägare och förvaltare"),
    ("Dataskydd", "Stickprov: behandlingar i {system} finns i registerförteckningen"),
    ("Loggning", "Stickprov: åtkomstloggar i {system} följs upp"),
]
ROUTINES = [
    "Rutin för hantering av personuppgiftsincidenter",
    "Rutin för informationssäkerhetsincidenter",
    "Rutin vid förlust av arbetstelefon eller arbetsdator",
    "Rutin för utbildning i informationssäkerhet och dataskydd",
    "Rutin för behörighetshantering",
    "Rutin för loggkontroll",
    "Rutin för informationsklassning",
    "Rutin för registerförteckning",
    "Rutin för konsekvensbedömning",
    "Rutin för registerutdrag",
    "Rutin för säkerhetskopiering",
    "Rutin för kontinuitetshantering",
    "Rutin för leverantörsuppföljning",
    "Rutin för gallring",
    "Rutin för tredjelandsöverföring",
]
FACTORS = [
    ("Cybersäkerhetslagen (NIS2)", FactorCategory.LAW),
    ("Tredjelandsöverföring", FactorCategory.LAW),
    ("Stadens budget", FactorCategory.BUDGET),
    ("Hotbild och omvärldsläge", FactorCategory.THREATS),
    ("Omorganisation", FactorCategory.ORGANISATION),
    ("Stadens styrgrupp för informationssäkerhet", FactorCategory.CITY),
    ("Leverantörer av molntjänster", FactorCategory.INTERESTED_PARTIES),
    ("AI-förordningen", FactorCategory.LAW),
    ("Civilt försvar", FactorCategory.THREATS),
    ("Kompetensförsörjning", FactorCategory.ORGANISATION),
]
PROCESSING_WORDS = [
    "Handläggning av ärenden",
    "Dokumentation i journal",
    "Utbetalning av ersättning",
    "Schemaläggning av personal",
    "Kö och placering",
    "Synpunkter och klagomål",
    "Avgiftshantering",
    "Kontaktuppgifter till anhöriga",
]
INCIDENT_TITLES = [
    "E-post med personuppgifter skickad till fel mottagare",
    "Förlorad arbetstelefon",
    "Obehörig åtkomst till journal",
    "Driftavbrott i verksamhetssystem",
    "Nätfiskeförsök mot medarbetare",
    "Utskrift med känsliga uppgifter kvarglömd",
    "Felaktig behörighet efter byte av enhet",
    "Skadlig kod på arbetsdator",
]
RISK_TITLES = [
    "Otillgängligt verksamhetssystem vid driftstörning hos leverantör",
    "Obehörig åtkomst till personuppgifter",
    "Förlust av data vid bristande säkerhetskopiering",
    "Nätfiske leder till kapade konton",
    "Personuppgifter överförs till tredjeland utan skyddsåtgärd",
    "Kritisk kompetens finns hos en enda person",
    "Behörigheter tas inte bort vid avslutad anställning",
]


# ---------------------------------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------------------------------


def _day(rng: random.Random, first: D, last: D) -> D:
    """A day between `first` and `last` inclusive."""
    return first + datetime.timedelta(days=rng.randint(0, max(0, (last - first).days)))


def _moment(rng: random.Random, day: D) -> datetime.datetime:
    """An aware datetime on `day` during office hours, Stockholm time."""
    return datetime.datetime.combine(day, datetime.time(rng.randint(7, 17), rng.randint(0, 59)), tzinfo=STHLM)


def _years(day: D, years: int) -> D:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@contextlib.contextmanager
def _given_timestamps(*models):
    """Let bulk_create keep the `created_at`/`updated_at` set on the rows (auto_now/auto_now_add off meanwhile)."""
    fields = [model._meta.get_field(name) for model in models for name in ("created_at", "updated_at")]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def _stamp(obj, created: datetime.datetime, updated: datetime.datetime | None = None):
    """Set the row's timestamps and date its "+" history entry at its creation."""
    obj.created_at = created
    obj.updated_at = updated or created
    obj._history_date = created
    return obj


def _save_with_history(model, objs: list) -> list:
    """bulk_create with one "+" history row per object dated at `_history_date` (see `_stamp`)."""
    if not objs:
        return []
    return bulk_create_with_history(objs, model, batch_size=BATCH)


def _link(through, rows: list):
    through.objects.bulk_create(rows, batch_size=BATCH)


# ---------------------------------------------------------------------------------------------------------------------
# The registers
# ---------------------------------------------------------------------------------------------------------------------


def _assets(rng, org, n) -> list[InformationAsset]:
    assets = []
    for i in range(1, n + 1):
        roll = rng.random()
        kind = AssetKind.SYSTEM if roll < 0.82 else AssetKind.INFORMATION_SET if roll < 0.93 else AssetKind.PROCESS
        unit = rng.choice(UNITS)
        words = {AssetKind.SYSTEM: SYSTEM_WORDS, AssetKind.INFORMATION_SET: INFO_WORDS}.get(kind, PROCESS_WORDS)
        state = rng.random()
        in_use_from = retired_on = None
        if state < 0.04:
            status = AssetStatus.PLANNED  # not yet in use: counts nowhere
        elif state < 0.13:
            status = AssetStatus.RETIRED
            in_use_from = _day(rng, D(2005, 1, 1), D(2018, 12, 31))
            retired_on = _day(rng, D(2019, 1, 1), D(2023, 11, 14))
        else:
            status = AssetStatus.IN_USE
            # Most were in use before the registers started; a steady trickle came later.
            late = rng.random() < 0.25
            in_use_from = (
                _day(rng, D(2019, 1, 1), D(2023, 10, 31)) if late else _day(rng, D(2000, 1, 1), D(2018, 12, 31))
            )
        created = max(REGISTER_START, in_use_from or REGISTER_START) - datetime.timedelta(days=rng.randint(0, 30))
        created = max(created, REGISTER_START)
        asset = InformationAsset(
            organisation=org,
            name=f"{rng.choice(words)} {unit} {i:04d}",
            description=f"{rng.choice(words)} för {unit}.",
            kind=kind,
            owner=UNIT_HEADS[unit],
            system_owner=UNIT_HEADS[unit],
            system_administrator=f"Systemförvaltare, {unit}",
            supplier=rng.choice(SUPPLIERS) if kind == AssetKind.SYSTEM else "",
            hosting=rng.choice(Hosting.values) if kind == AssetKind.SYSTEM else "",
            processes_personal_data=rng.random() < 0.7,
            special_categories=rng.random() < 0.25,
            osl_secrecy=rng.random() < 0.4,
            nis2_covered=rng.random() < 0.1,
            critical_function=rng.random() < 0.15,
            status=status,
            in_use_from=in_use_from,
            retired_on=retired_on,
        )
        assets.append(_stamp(asset, _moment(rng, created)))
    return _save_with_history(InformationAsset, assets)


def _classifications(rng, assets) -> int:
    """Five years of classifications (2019–2023): most assets classified at some point, re-classified when due
    (sometimes late, leaving them stale meanwhile, sometimes never), a few incomplete."""
    rows = []
    for asset in assets:
        if asset.status == AssetStatus.PLANNED and rng.random() < 0.7:
            continue
        if rng.random() < 0.2:
            continue  # never classified
        last_day = min(CUTOFF - datetime.timedelta(days=1), asset.retired_on or CUTOFF)
        # A third in the first inventory in 2019, the others on some day since (so coverage grows year by year);
        # then again whenever due.
        first_end = min(D(2019, 12, 31), last_day) if rng.random() < 0.35 else last_day
        decided = _day(rng, D(2019, 1, 15), first_end)
        while decided <= last_day:
            if decided < D(2021, 6, 1):
                method = ClassificationMethod.KLASSA_3 if rng.random() < 0.8 else ClassificationMethod.MSB
            else:
                method = ClassificationMethod.KLASSA_4 if rng.random() < 0.9 else ClassificationMethod.MSB
            levels = [rng.randint(0, 4) for _ in range(4)]
            if method not in METHODS_WITH_TRACEABILITY:
                levels[3] = None
            if rng.random() < 0.06:
                levels[rng.randrange(3)] = None  # incomplete: a level not assessed
            due = _years(decided, rng.choice((1, 1, 2, 3)))
            row = Classification(
                asset=asset,
                decided_on=decided,
                decided_by=asset.owner,
                participants="Systemförvaltare, informationssäkerhetssamordnare",
                method=method,
                confidentiality=levels[0],
                integrity=levels[1],
                availability=levels[2],
                traceability=levels[3],
                next_review_due=due,
            )
            rows.append(_stamp(row, _moment(rng, decided + datetime.timedelta(days=rng.randint(0, 10)))))
            if rng.random() < 0.15:
                break  # not re-classified (stale once due)
            decided = due + datetime.timedelta(days=rng.randint(-60, 150))  # on time, or late (stale meanwhile)
    _save_with_history(Classification, rows)
    return len(rows)


# Reports: (issuer, title, number, date, weight of the organisation's recommendations).
REPORTS = [
    (Issuer.CITY_AUDIT, "Implementering av dataskyddsförordningen", "Nr 5/2019", D(2019, 4, 24), 0.10),
    (Issuer.CITY_AUDIT, "Informationssäkerhet i verksamhetssystemen", "Nr 3/2021", D(2021, 5, 11), 0.12),
    (Issuer.CITY_AUDIT, "Styrning och uppföljning av behörigheter", "Nr 7/2023", D(2023, 6, 8), 0.10),
    (Issuer.IMY, "Tillsyn av registerförteckning och konsekvensbedömningar", "DI-2022-4711", D(2022, 9, 30), 0.06),
    (Issuer.CONSULTANT, "Granskning av kontinuitetsplaneringen", "", D(2022, 3, 3), 0.10),
    (Issuer.CONSULTANT, "Handlingsplan för informationssäkerhet", "", D(2023, 12, 5), 0.08),  # after the cut-off
    (Issuer.INTERNAL_CONTROL, "Internkontroll 2022: behörigheter och loggning", "", D(2023, 1, 20), 0.10),
    (Issuer.OTHER, "Stadsledningskontorets uppföljning av LIS", "", D(2023, 4, 14), 0.08),
    (Issuer.DPO_ANNUAL_REPORT, "Dataskyddsombudets årsrapport 2019", "", D(2020, 2, 27), 0.06),
    (Issuer.DPO_ANNUAL_REPORT, "Dataskyddsombudets årsrapport 2020", "", D(2021, 3, 1), 0.06),
    (Issuer.DPO_ANNUAL_REPORT, "Dataskyddsombudets årsrapport 2021", "", D(2022, 2, 25), 0.07),
    (Issuer.DPO_ANNUAL_REPORT, "Dataskyddsombudets årsrapport 2022", "", D(2023, 2, 28), 0.07),
]


def _recommendation_status(rng, report_date: D) -> dict:
    """Older reports' recommendations are mostly done; recent ones mostly open or planned."""
    age = (CUTOFF - report_date).days / 365
    roll = rng.random()
    done_share = min(0.85, 0.2 + 0.17 * age)
    if report_date > CUTOFF:
        done_share = 0
    if roll < done_share:
        done_on = _day(rng, report_date + datetime.timedelta(days=30), min(CUTOFF, _years(report_date, 3)))
        closed = _day(rng, done_on, CUTOFF) if rng.random() < 0.5 and done_on < CUTOFF else None
        return {"status": RecommendationStatus.DONE, "done_on": done_on, "closed_on": closed}
    roll = rng.random()
    if roll < 0.35:
        return {"status": RecommendationStatus.PLANNED, "planned_year": rng.choice((2024, 2024, 2025, 2026))}
    if roll < 0.7:
        return {"status": RecommendationStatus.IN_PROGRESS}
    if roll < 0.9:
        return {"status": RecommendationStatus.OPEN}
    return {"status": RecommendationStatus.NOT_PURSUED, "not_pursued_reason": "Ersatt av stadsgemensam lösning."}


def _reports_and_recommendations(rng, org, n) -> list[Recommendation]:
    weights = [w for *_, w in REPORTS]
    counts = [max(1, round(n * w / sum(weights))) for w in weights]
    counts[-1] = max(4, counts[-1])  # the latest DPO report: its numbered recommendations are section 4.3
    while sum(counts) > n and max(counts) > 1:
        counts[counts.index(max(counts))] -= 1
    counts[0] += n - sum(counts)
    recommendations = []
    for (issuer, title, number, date, _), count in zip(REPORTS, counts, strict=True):
        report = AuditReport(
            issuer=issuer,
            title=title,
            number=number,
            diarienummer=f"{org.diarienummer_prefix} {date.year}/{rng.randint(100, 999)}",
            date=date,
            overall_verdict="Arbetet har utvecklats men brister kvarstår i styrning och uppföljning.",
        )
        report_created = _moment(rng, date)
        _stamp(report, report_created)
        report.save()  # one by one, so the addressed organisations (m2m) keep their history too
        report.organisations.add(org)
        if issuer == Issuer.DPO_ANNUAL_REPORT:
            areas = [
                _stamp(AuditReportArea(report=report, organisation=org, area=area, status_text=text), report_created)
                for area, text in DPO_AREA_TEXTS.items()
            ]
            _save_with_history(AuditReportArea, areas)
        for position in range(1, count + 1):
            unit = rng.choice(UNITS)
            status = _recommendation_status(rng, date)
            rec = Recommendation(
                organisation=org,
                report=report,
                number=position,
                area=rng.choice(DpoArea.values) if issuer == Issuer.DPO_ANNUAL_REPORT else "",
                text=rng.choice(RECOMMENDATION_TEXTS).format(unit=unit),
                response=f"Ansvarig enhet inom {unit} har tagit fram en plan." if rng.random() < 0.6 else "",
                owner=UNIT_HEADS[unit],
                due_date=_years(date, 1),
                follow_up_reference=f"uppföljning {date.year + 1}" if status["status"] == "done" else "",
                **status,
            )
            created = _moment(rng, date + datetime.timedelta(days=rng.randint(0, 20)))
            recommendations.append(_stamp(rec, created))
    return _save_with_history(Recommendation, recommendations)


def _actions(rng, org, n, recommendations) -> list[Action]:
    years = {2023: 0.30, 2024: 0.27, 2025: 0.23, 2026: 0.20}
    per_year = {year: max(2, round(n * share)) for year, share in years.items()}
    per_year[2023] += n - sum(per_year.values())
    linkable = [r for r in recommendations if r.status in ("open", "planned", "in_progress")]
    actions = []
    for year, count in per_year.items():
        for position in range(1, count + 1):
            theme = rng.choice(list(ACTION_TITLES))
            unit = rng.choice(UNITS)
            extra = {}
            if year == 2023:
                roll = rng.random()
                if roll < 0.5:
                    extra = {"status": ActionStatus.DONE, "done_on": _day(rng, D(2023, 2, 1), CUTOFF)}
                elif roll < 0.75:
                    extra = {"status": ActionStatus.STARTED, "progress_notes": "Pågår; fortsätter 2024."}
                elif roll < 0.85:
                    extra = {"status": ActionStatus.POSTPONED}
                elif roll < 0.9:
                    extra = {"status": ActionStatus.CANCELLED}
            elif year == 2024 and rng.random() < 0.2:
                extra = {"status": ActionStatus.STARTED}
            action = Action(
                organisation=org,
                plan_year=year,
                position=position,
                title=ACTION_TITLES[theme].format(unit=unit),
                theme=theme,
                priority=rng.choice(Priority.values),
                owner=UNIT_HEADS[unit],
                due_date=D(year, 12, 31),
                recommendation=rng.choice(linkable) if linkable and rng.random() < 0.2 else None,
                business_plan_goal="mål 3.5",
                **extra,
            )
            actions.append(_stamp(action, _moment(rng, _day(rng, D(year - 1, 9, 1), D(year - 1, 11, 10)))))
    return _save_with_history(Action, actions)


def _control_checks(rng, org, n, systems) -> None:
    years = {2020: 0.15, 2021: 0.18, 2022: 0.20, 2023: 0.27, 2024: 0.20}
    per_year = {year: max(1, round(n * share)) for year, share in years.items()}
    per_year[2023] += n - sum(per_year.values())
    checks = []
    for year, count in per_year.items():
        for _ in range(count):
            process, control = rng.choice(CONTROL_TEXTS)
            control = control.format(system=rng.choice(systems).name)
            if year >= PLAN_YEAR:  # next year's plan: not yet performed
                check = ControlCheck(organisation=org, plan_year=year, process=process, control=control)
                created = _moment(rng, D(year - 1, 10, 15))
            else:
                found = rng.choice((0, 0, 0, 1, 1, 2, 3, 5))
                performed = _day(rng, D(year, 2, 1), min(D(year, 12, 15), CUTOFF))
                check = ControlCheck(
                    organisation=org,
                    plan_year=year,
                    process=process,
                    control=control,
                    performed_on=performed,
                    sample_size=rng.randint(5, 40),
                    deviations_found=found,
                    deviations_remedied=rng.randint(0, found),
                    notes="Avvikelserna har rapporterats till ansvarig chef." if found else "",
                )
                created = _moment(rng, performed)
            checks.append(_stamp(check, created))
    _save_with_history(ControlCheck, checks)


def _steering_documents(rng, org, n) -> None:
    documents = []
    for i in range(n):
        required = i < min(len(ROUTINES), max(2, n * 3 // 8))
        title = ROUTINES[i] if required else f"Anvisning för informationssäkerhet inom {UNITS[i % len(UNITS)]} {i}"
        status = rng.choice(
            [DocumentStatus.ADOPTED] * 4 + [DocumentStatus.DRAFT, DocumentStatus.MISSING, DocumentStatus.UNDER_REVISION]
        )
        adopted = _day(rng, D(2016, 1, 1), D(2023, 6, 30)) if status != DocumentStatus.MISSING else None
        reviewed = _day(rng, adopted, CUTOFF) if adopted and rng.random() < 0.7 else None
        document = SteeringDocument(
            organisation=org,
            title=title,
            kind=DocumentKind.ROUTINE if required else rng.choice(DocumentKind.values),
            owner="Administrativ chef",
            adopted_on=adopted if status != DocumentStatus.DRAFT else None,
            last_reviewed_on=reviewed,
            next_review_on=_years(reviewed, 1) if reviewed else None,
            status=status,
            required=required,
        )
        documents.append(_stamp(document, _moment(rng, max(REGISTER_START, adopted or REGISTER_START))))
    _save_with_history(SteeringDocument, documents)


def _external_factors(rng, org, n) -> list[ExternalFactor]:
    factors = []
    for i in range(n):
        title, category = FACTORS[i % len(FACTORS)]
        if i >= len(FACTORS):
            title = f"{title} ({i // len(FACTORS) + 1})"
        valid_from = _day(rng, D(2021, 1, 1), D(2023, 10, 1))
        # Every third has run out before the cut-off: no longer part of the review.
        valid_to = _day(rng, valid_from, D(2023, 10, 31)) if i % 3 == 2 else None
        factor = ExternalFactor(
            organisation=org,
            title=title,
            category=category,
            text=(
                f"{title} påverkar förvaltningens arbete med informationssäkerhet. Förvaltningen följer "
                "utvecklingen och anpassar planeringen efter stadens anvisningar.\n\n"
                "Konsekvenserna för verksamheten bedöms i den årliga risk- och sårbarhetsanalysen."
            ),
            valid_from=valid_from,
            valid_to=valid_to,
            source="Stadsledningskontoret",
            position=i + 1,
        )
        factors.append(_stamp(factor, _moment(rng, valid_from)))
    return _save_with_history(ExternalFactor, factors)


ART30_FIELDS = {
    "a": ("controller_contact",),
    "b": ("purposes",),
    "c": ("data_subject_categories", "personal_data_categories"),
    "d": ("recipients",),
    "f": ("retention",),
    "g": ("security_measures",),
}


def _processing_activities(rng, org, n, systems) -> None:
    """The register of processing, with history: created incomplete or complete in the past; many completed or
    reviewed later (a "~" history entry at that date), some ended."""
    records, later = [], []
    for i in range(1, n + 1):
        unit = rng.choice(UNITS)
        created_day = _day(rng, D(2018, 5, 25), D(2023, 10, 31))
        transfers = Transfers.YES if rng.random() < 0.08 else Transfers.NONE
        record = ProcessingActivity(
            organisation=org,
            name=f"{rng.choice(PROCESSING_WORDS)} inom {unit} {i:04d}",
            controller_contact=f"{org.board_name}, dataskyddsombud@example.org",
            purposes=f"{rng.choice(PROCESSING_WORDS)} inom {unit}",
            legal_basis=rng.choice([LegalBasis.PUBLIC_TASK] * 4 + [LegalBasis.LEGAL_OBLIGATION, LegalBasis.CONTRACT]),
            legal_basis_details="Socialtjänstlagen (2001:453)" if rng.random() < 0.5 else "",
            data_subject_categories="Brukare, anhöriga",
            personal_data_categories="Namn, personnummer, kontaktuppgifter",
            special_categories=rng.random() < 0.3,
            recipients="Försäkringskassan, Skatteverket",
            processors=rng.choice(SUPPLIERS),
            processing_agreement=rng.choice(AgreementStatus.values),
            transfers=transfers,
            transfer_countries="USA" if transfers == Transfers.YES else "",
            transfer_safeguard=TransferSafeguard.DPF if transfers == Transfers.YES else "",
            retention="Gallras fem år efter sista anteckning",
            security_measures="Behörighetsstyrning, loggning, kryptering",
            responsible_unit=unit.capitalize(),
            dpia_required=rng.random() < 0.15,
            last_reviewed_on=created_day,
        )
        if record.dpia_required and rng.random() < 0.7:
            record.dpia_done_on = created_day
        if rng.random() < 0.25:  # created with one or two Art. 30(1) items missing
            for letter in rng.sample(sorted(ART30_FIELDS), rng.choice((1, 1, 2))):
                for name in ART30_FIELDS[letter]:
                    setattr(record, name, "")
            if rng.random() < 0.3:
                record.transfers = ""
                record.transfer_countries = record.transfer_safeguard = ""
        created = _moment(rng, created_day)
        records.append(_stamp(record, created))
        # Later: reviewed (and completed, where something was missing), on some day up to the cut-off.
        if created_day < D(2023, 6, 1) and rng.random() < 0.6:
            later.append((record, _day(rng, created_day + datetime.timedelta(days=60), CUTOFF)))
    _save_with_history(ProcessingActivity, records)

    updated = []
    for record, day in later:
        if record.missing_items() and rng.random() < 0.7:
            record.controller_contact = record.controller_contact or f"{org.board_name}, dataskyddsombud@example.org"
            record.purposes = record.purposes or "Handläggning"
            record.data_subject_categories = record.data_subject_categories or "Brukare"
            record.personal_data_categories = record.personal_data_categories or "Namn, personnummer"
            record.recipients = record.recipients or "Inga externa mottagare"
            record.transfers = record.transfers or Transfers.NONE
            record.retention = record.retention or "Gallras efter två år"
            record.security_measures = record.security_measures or "Behörighetsstyrning"
        record.last_reviewed_on = day
        if rng.random() < 0.08:
            record.ended_on = _day(rng, day, CUTOFF)
        moment = _moment(rng, day)
        record.updated_at = moment
        record.version = 2
        record._history_date = moment
        updated.append(record)
    if updated:
        fields = [
            "controller_contact",
            "purposes",
            "data_subject_categories",
            "personal_data_categories",
            "recipients",
            "transfers",
            "retention",
            "security_measures",
            "last_reviewed_on",
            "ended_on",
            "updated_at",
            "version",
        ]
        ProcessingActivity.objects.bulk_update(updated, fields, batch_size=BATCH)
        ProcessingActivity.history.bulk_history_create(updated, batch_size=BATCH, update=True)

    through = ProcessingActivity.assets.through
    _link(
        through,
        [
            through(processingactivity_id=record.pk, informationasset_id=asset.pk)
            for record in records
            for asset in rng.sample(systems, rng.randint(1, 3))
        ],
    )


def _incidents(rng, org, n, assets) -> None:
    """Incidents 2021 – the cut-off, more each year; breaches notified in time, late, not at all with a reason, or
    still open; a few significant incidents under the cybersecurity law. References as the service allocates them."""
    years = {2021: 0.25, 2022: 0.33, 2023: 0.42}
    incidents = []
    for year, share in years.items():
        last = min(D(year, 12, 31), CUTOFF - datetime.timedelta(days=1))
        for _ in range(round(n * share)):
            aware = _moment(rng, _day(rng, D(year, 1, 1), last))
            incidents.append(_incident(rng, org, aware))
    while len(incidents) < n:
        incidents.append(_incident(rng, org, _moment(rng, _day(rng, D(2023, 1, 1), CUTOFF))))
    incidents = incidents[:n]
    if not any(i.is_significant_nis2 for i in incidents):
        _make_significant(incidents[-1])
    incidents.sort(key=lambda i: i.became_aware_at)
    last_by_year: dict[int, int] = defaultdict(int)
    for incident in incidents:
        incident.year = incident.became_aware_at.astimezone(STHLM).year
        last_by_year[incident.year] += 1
        incident.sequence = last_by_year[incident.year]
    _save_with_history(Incident, incidents)
    IncidentCounter.objects.bulk_create(
        [IncidentCounter(organisation=org, year=year, last=last) for year, last in sorted(last_by_year.items())]
    )
    through = Incident.assets.through
    _link(
        through,
        [
            through(incident_id=incident.pk, informationasset_id=asset.pk)
            for incident in incidents
            for asset in rng.sample(assets, rng.randint(0, 2))
        ],
    )


def _make_significant(incident: Incident) -> None:
    hour = datetime.timedelta(hours=1)
    aware = incident.became_aware_at
    incident.is_significant_nis2 = True
    incident.severity = Severity.CRITICAL
    incident.early_warning_at = aware + 20 * hour
    incident.notification_at = aware + 70 * hour
    incident.final_report_at = aware + 24 * 25 * hour


def _incident(rng, org, aware: datetime.datetime) -> Incident:
    hour = datetime.timedelta(hours=1)
    incident = Incident(
        organisation=org,
        title=rng.choice(INCIDENT_TITLES),
        occurred_at=aware - rng.randint(0, 72) * hour,
        became_aware_at=aware,
        affects_confidentiality=rng.random() < 0.6,
        affects_integrity=rng.random() < 0.2,
        affects_availability=rng.random() < 0.3,
        description="Incidenten upptäcktes av en medarbetare och rapporterades till närmaste chef.",
        immediate_measures="Berörda behörigheter spärrades och leverantören kontaktades.",
        severity=rng.choice([Severity.LOW, Severity.MEDIUM, Severity.MEDIUM, Severity.HIGH]),
        status=IncidentStatus.CLOSED if aware.date() < D(2023, 9, 1) else rng.choice(IncidentStatus.values),
        cause="Den mänskliga faktorn." if rng.random() < 0.5 else "",
    )
    if rng.random() < 0.35:
        incident.is_personal_data_breach = True
        incident.data_subjects_count = rng.randint(1, 400)
        incident.records_count = incident.data_subjects_count * rng.randint(1, 5)
        incident.data_categories = "Namn, personnummer, hälsouppgifter"
        roll = rng.random()
        if roll < 0.55:
            if rng.random() < 0.2:  # notified after the 72 h deadline, with the reason
                incident.imy_notified_at = aware + rng.randint(73, 160) * hour
                incident.late_notification_reason = "Incidentens omfattning klarlades först efter utredning."
            else:
                incident.imy_notified_at = aware + rng.randint(2, 71) * hour
            incident.imy_reference = f"IMY-{aware.year}-{rng.randint(1000, 9999)}"
        elif roll < 0.9:
            incident.not_notified_reason = "Incidenten bedömdes inte medföra risk för de registrerades rättigheter."
            incident.subjects_not_informed_reason = "Ingen risk för de registrerade."
        # else: neither notified nor reasoned yet (the clock is running)
    if rng.random() < 0.02:
        _make_significant(incident)
    created = aware + rng.randint(1, 48) * hour
    return _stamp(incident, created)


def _risks(rng, org, n, assets, actions) -> None:
    risks = []
    for i in range(n):
        status = rng.choice(
            [RiskStatus.IDENTIFIED] * 3 + [RiskStatus.IN_TREATMENT] * 3 + [RiskStatus.TREATED] * 2
            + [RiskStatus.ACCEPTED, RiskStatus.CLOSED]
        )  # fmt: skip
        assessed = _day(rng, D(2022, 1, 10), D(2023, 11, 1))
        risk = Risk(
            organisation=org,
            title=f"{rng.choice(RISK_TITLES)} ({i + 1})",
            description="Identifierad i risk- och sårbarhetsanalysen.",
            likelihood=rng.choice((1, 2, 2, 3, 3, 4)),
            consequence=rng.choice((1, 2, 3, 3, 4, 4)),
            treatment=rng.choice(["", *Treatment.values]),
            owner=UNIT_HEADS[rng.choice(UNITS)],
            status=status,
            assessed_on=assessed,
            rsa_cycle="2022–2023" if assessed.year == 2022 else "2023–2024",
        )
        risks.append(_stamp(risk, _moment(rng, assessed)))
    _save_with_history(Risk, risks)
    asset_through, action_through = Risk.assets.through, Risk.actions.through
    _link(
        asset_through,
        [
            asset_through(risk_id=risk.pk, informationasset_id=asset.pk)
            for risk in risks
            for asset in rng.sample(assets, rng.randint(1, 3))
        ],
    )
    _link(
        action_through,
        [
            action_through(risk_id=risk.pk, action_id=action.pk)
            for risk in risks
            for action in rng.sample(actions, rng.randint(0, 2))
        ],
    )


def _measurements(rng, org) -> None:
    rows = []
    for indicator in Indicator.objects.filter(kind=IndicatorKind.ENTERED).order_by("position", "id"):
        value = rng.randint(35, 60)
        for year in range(2019, 2024):
            value = min(100, value + rng.randint(0, 12))
            rows.append(
                _stamp(
                    Measurement(indicator=indicator, organisation=org, year=year, value=value),
                    _moment(rng, D(year, 12, 15) if year < 2023 else D(2023, 11, 1)),
                )
            )
    _save_with_history(Measurement, rows)


def review_sections() -> dict[str, tuple[str, bool]]:
    """{section key: (narrative, show_figures)}: the demo organisation's 2024 review's rows when in the database,
    else portal.demo's texts; plus section 4.4 Incidenter."""
    from portal import demo

    eav = ManagementReview.objects.filter(organisation__code="eav", plan_year=2024).order_by("revision").first()
    if eav is not None and eav.sections.exists():
        sections = {row.key: (row.narrative, row.show_figures) for row in eav.sections.filter(included=True)}
    else:
        sections = dict(demo.EAV_SECTIONS)
    sections.setdefault(
        S.INCIDENTS,
        (
            "Incidenter rapporteras till informationssäkerhetssamordnaren och registreras i incidentregistret. "
            "Personuppgiftsincidenter bedöms tillsammans med dataskyddsombudet.",
            True,
        ),
    )
    return sections


def _review(rng, org, factors) -> ManagementReview:
    review = ManagementReview(
        organisation=org,
        plan_year=PLAN_YEAR,
        diarienummer=f"{org.diarienummer_prefix} 2023/{rng.randint(1000, 1999)}",
        cutoff_date=CUTOFF,
        follow_up_start=D(2023, 1, 1),
        follow_up_end=CUTOFF,
        status=ReviewStatus.DRAFT,
    )
    created = _moment(rng, D(2023, 11, 16))
    _stamp(review, created)
    _save_with_history(ManagementReview, [review])
    sections = review_sections()
    _save_with_history(
        ReviewSection,
        [
            _stamp(
                ReviewSection(
                    review=review, key=spec.key, narrative=sections[spec.key][0], show_figures=sections[spec.key][1]
                ),
                created,
            )
            for spec in S.SECTIONS
            if spec.key in sections
        ],
    )
    in_force = [f for f in factors if f.valid_from <= CUTOFF and (f.valid_to is None or f.valid_to >= CUTOFF)]
    _save_with_history(
        ReviewFactor,
        [_stamp(ReviewFactor(review=review, factor=f, position=p), created) for p, f in enumerate(in_force, 1)],
    )
    return review


# ---------------------------------------------------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------------------------------------------------

TIMESTAMPED = (
    InformationAsset,
    AuditReport,
    Classification,
    AuditReportArea,
    Recommendation,
    Action,
    ControlCheck,
    SteeringDocument,
    ExternalFactor,
    ProcessingActivity,
    Incident,
    Risk,
    Measurement,
    ManagementReview,
    ReviewSection,
    ReviewFactor,
)


@transaction.atomic
def generate_large_organisation(
    code: str = "large", seed: int = 1, scale: float = 1.0, sizes: dict[str, int] | None = None, name: str = ""
) -> Organisation:
    """Create organisation `code` with registers of `sizes_for(scale)` rows (or exactly `sizes`, where given: the
    keys of SIZES) and its 2024 review (see the module docstring). Deterministic in `seed`, `scale` and `sizes`.
    Raises ValueError when the code is taken."""
    if Organisation.objects.filter(code=code).exists():
        raise ValueError(f"Organisation {code!r} already exists")
    rng = random.Random(f"{seed}/{scale}" if sizes is None else f"{seed}/{sorted(sizes.items())}")
    n = sizes_for(scale) if sizes is None else {**sizes_for(scale), **sizes}
    org = Organisation(
        code=code,
        name=name or f"Storstadens förvaltning ({code})",
        board_name=f"Storstadens nämnd ({code})",
        diarienummer_prefix=code.upper()[:6],
    )
    org._history_date = timezone.make_aware(datetime.datetime.combine(REGISTER_START, datetime.time(8)))
    org.save()

    with _given_timestamps(*TIMESTAMPED):
        assets = _assets(rng, org, n["assets"])
        _classifications(rng, assets)
        systems = [a for a in assets if a.kind == AssetKind.SYSTEM and a.status != AssetStatus.PLANNED]
        recommendations = _reports_and_recommendations(rng, org, n["recommendations"])
        actions = _actions(rng, org, n["actions"], recommendations)
        _control_checks(rng, org, n["control_checks"], systems)
        _steering_documents(rng, org, n["steering_documents"])
        factors = _external_factors(rng, org, n["external_factors"])
        _processing_activities(rng, org, n["processing_activities"], systems)
        _incidents(rng, org, n["incidents"], assets)
        _risks(rng, org, n["risks"], assets, actions)
        _measurements(rng, org)
        _review(rng, org, factors)
    return org


def large_review(org: Organisation) -> ManagementReview:
    """The generated organisation's 2024 review."""
    return ManagementReview.objects.select_related("organisation").get(
        organisation=org, plan_year=PLAN_YEAR, revision=1
    )


# ---------------------------------------------------------------------------------------------------------------------
# A city: many organisations of varying size, and the users of the list-page benchmark (bench/city.py)
# ---------------------------------------------------------------------------------------------------------------------

CITY_ORGANISATIONS = 50
CITY_ASSETS = 25_000
CITY_SMALLEST = 50  # the smallest organisation: 50 rows in each register
CITY_LARGEST = 5_000  # the largest organisation's assets
#: Processing activities per asset in the city (about 10 000 in all); the other registers follow SIZES' ratios.
CITY_PROCESSING_PER_ASSET = 0.4


def city_asset_counts(organisations: int = CITY_ORGANISATIONS, total: int = CITY_ASSETS) -> list[int]:
    """Assets per organisation, smallest first: CITY_SMALLEST, then a geometric spread, then CITY_LARGEST; the sum
    is exactly `total`."""
    middle = organisations - 2
    rest = total - CITY_SMALLEST - CITY_LARGEST
    weights = [1.06**i for i in range(middle)]
    counts = [max(CITY_SMALLEST + 1, round(rest * w / sum(weights))) for w in weights]
    counts[-1] += rest - sum(counts)
    return [CITY_SMALLEST, *sorted(counts), CITY_LARGEST]


def city_sizes(assets: int) -> dict[str, int]:
    """Row counts of a city organisation with `assets` assets: every register CITY_SMALLEST for the smallest, else
    SIZES' proportions (processing CITY_PROCESSING_PER_ASSET per asset), never below MINIMUMS."""
    if assets <= CITY_SMALLEST:
        return dict.fromkeys(SIZES, CITY_SMALLEST)
    scale = assets / SIZES["assets"]
    sizes = {name: max(MINIMUMS[name], round(count * scale)) for name, count in SIZES.items()}
    sizes["assets"] = assets
    sizes["processing_activities"] = max(MINIMUMS["processing_activities"], round(assets * CITY_PROCESSING_PER_ASSET))
    return sizes


def city_code(index: int, prefix: str = "city") -> str:
    return f"{prefix}{index:02d}"


def generate_city(prefix: str = "city", seed: int = 1, organisations: int = CITY_ORGANISATIONS) -> list[Organisation]:
    """`organisations` organisations `<prefix>00` (the smallest) … `<prefix>49` (the largest) with CITY_ASSETS
    assets in all (city_asset_counts) and the other registers in proportion (city_sizes), each through
    generate_large_organisation. Organisations already in the database are reused as they are."""
    orgs = []
    for index, assets in enumerate(city_asset_counts(organisations)):
        code = city_code(index, prefix)
        existing = Organisation.objects.filter(code=code).first()
        if existing is not None:
            orgs.append(existing)
            continue
        orgs.append(
            generate_large_organisation(
                code=code,
                seed=seed * 1000 + index,
                sizes=city_sizes(assets),
                name=f"Stadens förvaltning {index + 1:02d} ({assets} informationstillgångar)",
            )
        )
    return orgs


def city_users(orgs: list[Organisation], prefix: str = "city") -> dict[str, object]:
    """Users of the city (created once, reused): a coordinator in the smallest and in the largest organisation, a
    city-level reader with a reader membership in every organisation, and a reader of the smallest and the largest. No usable password: the benchmark signs
    them in with force_login."""
    from django.contrib.auth import get_user_model

    from isms.models import Membership, Role

    User = get_user_model()

    def user(username: str, memberships: list[tuple[Organisation, str]]):
        account, created = User.objects.get_or_create(username=username, defaults={"first_name": username})
        if created:
            account.set_unusable_password()
            account.save(update_fields=["password"])
        have = set(Membership.objects.filter(user=account).values_list("organisation_id", flat=True))
        Membership.objects.bulk_create(
            [Membership(user=account, organisation=o, role=role) for o, role in memberships if o.pk not in have]
        )
        return account

    return {
        "small": user(f"{prefix}-samordnare-liten", [(orgs[0], Role.COORDINATOR)]),
        "large": user(f"{prefix}-samordnare-stor", [(orgs[-1], Role.COORDINATOR)]),
        "reader": user(f"{prefix}-lasare", [(o, Role.READER) for o in orgs]),
        # the reader's query count compared with one of two organisations: it must not grow with them
        "reader_two": user(f"{prefix}-lasare-tva", [(orgs[0], Role.READER), (orgs[-1], Role.READER)]),
    }
