"""The demo's registers of processing, incidents, risks and indicator values (portal.demo_registers): the figures
its docstring works out, read back through the application's selectors and the review compiler."""

import datetime
from collections import defaultdict
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import timezone

from isms.models import Organisation
from portal import demo
from portal.demo_registers import RSA_CYCLE
from registry import selectors
from registry.models import Incident, IncidentCounter, Measurement, ProcessingActivity, Risk, RiskStatus, Transfers
from reviews import sections as S
from reviews.compiler import compile_review
from reviews.models import ManagementReview

D = datetime.date
HOUR = datetime.timedelta(hours=1)

# The reference document's headings (shared/reference/ledningens-genomgang-2024-eav.md), in order.
REFERENCE_HEADINGS = [
    "Bakgrund",
    "1 Status för åtgärder från ledningens tidigare genomgångar",
    "2 Ledningssystem för informationssäkerhet, LIS",
    "3 Faktorer som påverkar",
    "3.1 NIS-direktivet",
    "3.2 Tredjelandsöverföring",
    "3.3 Finansborgarrådets förslag till budget 2024",
    "3.4 Intern kontroll",
    "3.5 Risk- och sårbarhetsanalys (RSA)",
    "4 Resultatet från egen uppföljning",
    "4.1 Internkontrollplan (IKP)",
    "4.2 Revisionsresultat",
    "4.2.1 Revisionsrapport",
    "4.3 Risker som identifierats i GDPR-årsrapport",
    "5 Möjligheter till förbättring av verksamhetens LIS",
    "5.1 Prioritering av åtgärder",
    "5.1.1 2024",
    "5.1.2 2025",
    "5.1.3 2026",
]


@pytest.fixture(scope="module")
def _demo_loaded(django_db_setup, django_db_blocker):
    """The demo loaded once for the module, in a transaction rolled back at its end (each test runs in a savepoint
    inside it, so a test's own changes are undone too)."""
    with django_db_blocker.unblock(), transaction.atomic():
        demo.load_demo("Demo-lösenord-2024")
        yield
        transaction.set_rollback(True)


@pytest.fixture
def orgs(_demo_loaded, db):
    return {org.code: org for org in Organisation.objects.all()}


# --- Register of processing -------------------------------------------------------------------------------------------


def test_processing_register_counts(orgs):
    eav, hsv = orgs["eav"], orgs["hsv"]
    assert ProcessingActivity.objects.filter(organisation=eav).count() == 41
    assert ProcessingActivity.objects.filter(organisation=eav, ended_on__isnull=True).count() == 40
    assert ProcessingActivity.objects.filter(organisation=hsv).count() == 12
    records = ProcessingActivity.objects.filter(organisation=eav)
    assert records.filter(legal_basis="e").count() > records.count() / 2  # mostly public task
    transfers = records.filter(transfers=Transfers.YES)
    assert transfers.count() == 6
    assert set(transfers.values_list("transfer_safeguard", flat=True)) == {"adequacy", "dpf", "scc", "art49", ""}
    assert records.filter(dpia_required=True, dpia_done_on__isnull=True).count() == 1
    assert records.filter(dpia_done_on__isnull=False).count() >= 5
    assert records.filter(processing_agreement="signed").exclude(processors="").count() >= 30
    # Linked to the organisation's own assets, never another organisation's.
    assert not records.filter(assets__organisation=hsv).exists()
    assert records.filter(assets__isnull=False).distinct().count() >= 35


# (day, total, complete, reviewed, complete %, reviewed %)
EAV_REGISTER_STATUS = [
    (D(2020, 12, 31), 0, 0, 0, None, None),
    (D(2021, 12, 31), 32, 19, 27, 59, 84),
    (D(2022, 12, 31), 38, 31, 37, 82, 97),
    (D(2023, 11, 15), 40, 34, 33, 85, 83),
]
HSV_REGISTER_STATUS = [
    (D(2021, 12, 31), 10, 9, 10, 90, 100),
    (D(2022, 12, 31), 11, 11, 2, 100, 18),
    (D(2023, 11, 10), 12, 11, 12, 92, 100),
]


def test_processing_register_status_at_past_dates_as_the_docstring_says(orgs):
    for code, expected in (("eav", EAV_REGISTER_STATUS), ("hsv", HSV_REGISTER_STATUS)):
        for day, total, complete, reviewed, complete_percent, reviewed_percent in expected:
            status = selectors.processing_register_status(orgs[code], day)
            actual = (status.total, status.complete, status.reviewed, status.complete_percent, status.reviewed_percent)
            assert actual == (total, complete, reviewed, complete_percent, reviewed_percent), (code, day)


def test_incomplete_records_name_exactly_their_missing_items(orgs):
    status = selectors.processing_register_status(orgs["eav"], D(2023, 11, 15))
    assert [(name, missing) for _pk, name, missing in status.incomplete] == [
        ("Budget- och skuldrådgivning", ["g"]),
        ("Feriejobb för ungdomar", ["c"]),
        ("Föreningsbidrag och stöd till civilsamhället", ["f", "g"]),
        ("Lokalbokning i träffpunkter och medborgarkontor", ["a"]),
        ("Medborgardialog – digitala enkäter", ["e"]),
        ("Pedagogisk dokumentation i förskolan", ["f"]),
    ]
    # The current rows agree with the history read at the cut-off (nothing changed after it).
    current = {a.name: a.missing_items() for a in ProcessingActivity.objects.filter(organisation=orgs["eav"])}
    assert {name: missing for _pk, name, missing in status.incomplete} == {n: m for n, m in current.items() if m}


def test_records_not_reviewed_for_over_a_year_at_the_cutoff(orgs):
    cutoff = D(2023, 11, 15)
    stale = sorted(
        a.name
        for a in ProcessingActivity.objects.filter(organisation=orgs["eav"], ended_on__isnull=True)
        if not a.reviewed_within_12_months(cutoff)
    )
    assert stale == [
        "Budget- och skuldrådgivning",
        "Familjerätt: faderskap, vårdnad, boende och umgänge",
        "Fotografering och publicering av bilder på barn",  # last reviewed 2022-11-15: exactly a year, not within
        "Föreningsbidrag och stöd till civilsamhället",
        "Lokalbokning i träffpunkter och medborgarkontor",
        "Mobil kommunikation och larm för hemtjänstens personal",
        "Passerkort och passerloggar",
    ]


def test_processing_history_is_dated_when_things_happened(orgs):
    email = ProcessingActivity.objects.get(organisation=orgs["eav"], name="E-post och kalender")
    before = email.history.as_of(timezone.make_aware(datetime.datetime(2023, 7, 1)))
    assert (before.transfer_safeguard, email.transfer_safeguard) == ("scc", "dpf")
    history = ProcessingActivity.history.filter(organisation_id=orgs["eav"].pk)
    first = history.order_by("history_date").first()
    assert timezone.localtime(first.history_date).year == 2021
    assert not history.filter(history_date__year__gte=2024).exists()
    assert {h.history_user.username for h in history} == {"samordnare"}
    ended = ProcessingActivity.objects.get(organisation=orgs["eav"], name="Tidrapportering för timanställda")
    assert ended.ended_on == D(2023, 2, 28)


# --- Incidents --------------------------------------------------------------------------------------------------------


def test_incident_references_run_per_year_without_gaps(orgs):
    expected = {"eav": {2022: 5, 2023: 6, 2026: 1}, "hsv": {2022: 1, 2023: 3}}
    for code, per_year in expected.items():
        sequences = defaultdict(list)
        for incident in Incident.objects.filter(organisation=orgs[code]).order_by("became_aware_at"):
            assert incident.year == timezone.localtime(incident.became_aware_at).year
            sequences[incident.year].append(incident.sequence)
        assert {year: len(numbers) for year, numbers in sequences.items()} == per_year
        for year, numbers in sequences.items():
            assert numbers == list(range(1, len(numbers) + 1)), (code, year)  # in the order they became known
        counters = dict(IncidentCounter.objects.filter(organisation=orgs[code]).values_list("year", "last"))
        assert counters == per_year
    references = [i.reference for i in Incident.objects.filter(organisation=orgs["eav"]).order_by("year", "sequence")]
    assert references[:2] == ["2022-001", "2022-002"] and references[-1] == "2026-001"


def test_eav_incident_summary_for_the_review_period(orgs):
    summary = selectors.incident_summary(orgs["eav"], D(2023, 1, 1), D(2023, 11, 15))
    assert (summary.total, summary.breaches, summary.notified, summary.notified_in_time) == (6, 4, 3, 2)
    assert (summary.notified_late, summary.not_notified, summary.clock_running, summary.significant) == (1, 1, 0, 0)
    hsv = selectors.incident_summary(orgs["hsv"], D(2023, 1, 1), D(2023, 11, 10))
    assert (hsv.total, hsv.breaches, hsv.notified, hsv.notified_in_time, hsv.not_notified) == (3, 2, 1, 1, 1)
    assert selectors.incidents_per_year(orgs["eav"], [2021, 2022, 2023]) == {
        2021: {"total": 0, "breaches": 0, "significant": 0},
        2022: {"total": 5, "breaches": 4, "significant": 0},
        2023: {"total": 6, "breaches": 4, "significant": 0},
    }


def test_breaches_carry_the_art_33_and_34_documentation(orgs):
    breaches = Incident.objects.filter(organisation__in=orgs.values(), is_personal_data_breach=True)
    for breach in breaches:
        # Art. 33(5): every breach is documented, notified or with the reason why not; never both.
        assert bool(breach.imy_notified_at) != bool(breach.not_notified_reason), breach.reference
        assert breach.subjects_informed_at or breach.subjects_not_informed_reason, breach.reference
        assert breach.data_categories and breach.status == "closed"
        assert not breach.breach_overdue()
        if breach.imy_notified_at:
            assert breach.imy_reference
            assert bool(breach.late_notification_reason) == breach.breach_notified_late, breach.reference
    late = breaches.get(late_notification_reason__gt="")
    assert (late.reference, late.imy_notified_at - late.became_aware_at) == ("2023-003", 80 * HOUR)
    assert late.breach_notified_late
    assert timezone.localtime(late.breach_deadline) == timezone.localtime(late.became_aware_at) + 72 * HOUR
    informed = breaches.get(subjects_informed_at__isnull=False)
    assert (informed.reference, informed.imy_notified_at - informed.became_aware_at < 72 * HOUR) == ("2023-002", True)
    assert breaches.filter(organisation=orgs["eav"], imy_notified_at__isnull=True).count() == 2


def test_the_significant_incident_is_after_the_cybersecurity_law_applies_and_met_every_deadline(orgs):
    incident = Incident.objects.get(is_significant_nis2=True)
    assert incident.organisation == orgs["eav"] and incident.reference == "2026-001"
    assert timezone.localdate(incident.became_aware_at) >= D(2026, 1, 15)  # SFS 2025:1506 applies
    assert incident.early_warning_at <= incident.nis2_early_warning_deadline
    assert incident.notification_at <= incident.nis2_notification_deadline
    assert incident.final_report_at <= incident.nis2_final_report_deadline
    assert incident.nis2_overdue(now=incident.final_report_at + 400 * 24 * HOUR) == []
    assert timezone.localtime(incident.nis2_final_report_deadline) == datetime.datetime(
        2026, 3, 11, 15, 20, tzinfo=timezone.get_current_timezone()
    )


def test_incident_history_is_registration_then_closing(orgs):
    incident = Incident.objects.get(organisation=orgs["eav"], year=2023, sequence=3)
    history = list(incident.history.order_by("history_date"))
    assert history[0].history_date == incident.became_aware_at + datetime.timedelta(minutes=30)
    assert history[0].status == "investigating" and history[0].imy_notified_at is None
    assert history[-1].status == "closed" and history[-1].imy_notified_at == incident.imy_notified_at


# --- Risks and indicators ---------------------------------------------------------------------------------------------


def test_risks(orgs):
    eav = orgs["eav"]
    risks = Risk.objects.filter(organisation=eav)
    assert risks.count() == 15 and set(risks.values_list("rsa_cycle", flat=True)) == {RSA_CYCLE}
    assert Risk.objects.filter(organisation=orgs["hsv"]).count() == 6
    assert set(risks.values_list("likelihood", flat=True)) == {1, 2, 3, 4}
    assert set(risks.values_list("consequence", flat=True)) == {1, 2, 3, 4}
    assert set(risks.values_list("treatment", flat=True)) == {"reduce", "accept", "avoid", "share"}
    assert all(r.owner for r in risks)
    assert risks.filter(assets__isnull=False).distinct().count() == 12
    assert risks.filter(actions__isnull=False).distinct().count() == 13
    assert not risks.filter(actions__organisation=orgs["hsv"]).exists()
    summary = selectors.risk_summary(eav, RSA_CYCLE)
    assert summary.matrix == [[0, 0, 0, 1], [0, 0, 2, 2], [0, 2, 2, 1], [1, 1, 1, 0]]
    assert (summary.total_open, summary.high) == (13, 4)
    assert summary.by_status == {
        RiskStatus.IDENTIFIED: 5,
        RiskStatus.IN_TREATMENT: 8,
        RiskStatus.TREATED: 1,
        RiskStatus.ACCEPTED: 1,
    }
    assert [r.score for r in summary.highest] == [12, 12, 9, 9, 8]


def test_e_learning_values(orgs):
    values = {
        (m.organisation.code, m.year): m.value
        for m in Measurement.objects.filter(indicator__code="e_learning").select_related("organisation")
    }
    assert values == {
        ("eav", 2021): Decimal(54),
        ("eav", 2022): Decimal(67),
        ("eav", 2023): Decimal(78),
        ("hsv", 2021): Decimal(48),
        ("hsv", 2022): Decimal(61),
        ("hsv", 2023): Decimal(70),
    }


# --- The reviews ------------------------------------------------------------------------------------------------------


def test_eav_review_keeps_the_reference_headings_and_shows_indicators_and_risks(orgs):
    review = ManagementReview.objects.get(organisation=orgs["eav"], plan_year=2024)
    compiled = compile_review(review)

    # The reference's headings, then the decisions recorded when the demo approved it (portal.demo_review).
    assert [section.heading for section in compiled.sections] == [*REFERENCE_HEADINGS, "Beslut"]
    sections = {section.key: section for section in compiled.sections}

    indicators = next(b for b in sections[S.PREVIOUS_ACTIONS].blocks if b.caption.startswith("Nyckeltal"))
    assert indicators.headers == ["Nyckeltal", "2021", "2022", "2023"]
    rows = {row[0]: row[1:] for row in indicators.rows}
    assert rows["Andel medarbetare som genomfört den obligatoriska e-utbildningen"] == ["54 %", "67 %", "78 %"]
    assert rows["Andel fullständiga rader i registerförteckningen"] == ["59 %", "82 %", "85 %"]
    assert rows["Andel behandlingar granskade senaste 12 månaderna"] == ["84 %", "97 %", "83 %"]
    assert rows["Incidenter"] == ["0 st.", "5 st.", "6 st."]
    assert rows["Personuppgiftsincidenter"] == ["0 st.", "4 st.", "4 st."]

    rsa = sections[S.RSA].blocks
    assert rsa[0].text.startswith("Risk- och sårbarhetsanalyser är en analys")  # the reference's text first
    assert "Riskregistret har 13 öppna risker, varav 4 med högt riskvärde (9 eller mer)." in [b.text for b in rsa]
    matrix = next(b for b in rsa if b.kind == "chart")  # the matrix, with its counts in the text alternative
    assert (
        "13 öppna risker. Antal per ruta (sannolikhet × konsekvens): 4 × 1: 1; 4 × 2: 1; 4 × 3: 1; 3 × 2: 2; "
        "3 × 3: 2; 3 × 4: 1; 2 × 3: 2; 2 × 4: 2; 1 × 4: 1."
    ) in matrix.text

    assert S.INCIDENTS not in sections  # the reference has no 4.4
    assert compiled.figures["incidents"]["total"] == 6  # computed all the same
    assert compiled.figures["indicators"]["processing_completeness"] == {2021: 59, 2022: 82, 2023: 85}


def test_hsv_review_states_its_incidents_in_a_section_of_their_own(orgs):
    review = ManagementReview.objects.get(organisation=orgs["hsv"], plan_year=2024)
    compiled = compile_review(review)
    section = next(s for s in compiled.sections if s.key == S.INCIDENTS)
    assert section.heading == "3.2 Incidenter"
    assert section.blocks[-1].text == (
        "Under perioden 2023-01-01–2023-11-10 registrerades 3 incidenter, varav 2 personuppgiftsincidenter. "
        "1 anmäldes till IMY, 1 av dem inom 72 timmar. 1 dokumenterades utan anmälan, med skälet angivet. "
        "Ingen var en betydande incident enligt cybersäkerhetslagen."
    )


# --- Loading again ----------------------------------------------------------------------------------------------------


def test_loading_again_restores_changed_register_rows_and_leaves_the_rest(orgs):
    eav = orgs["eav"]
    record = ProcessingActivity.objects.get(organisation=eav, name="Lönehantering")
    assert record.version == 3  # created in 2021, reviewed in 2022 and 2023
    record.retention = ""
    record.save()  # a write like any other: version 4
    risk = Risk.objects.get(organisation=eav, title="Avbrott i trygghetslarmens larmkedja")
    risk.assets.clear()
    history_before = ProcessingActivity.history.count()

    result = demo.load_demo("Demo-lösenord-2024")

    assert result["created"] == {}
    assert result["updated"] == {"registry.ProcessingActivity": 1, "registry.Risk": 1}
    record.refresh_from_db()
    assert record.missing_items() == [] and record.version == 5
    assert [a.name for a in risk.assets.all()] == ["Tunstall larmmottagning"]
    assert ProcessingActivity.history.count() == history_before + 1  # the restoring save, dated now
