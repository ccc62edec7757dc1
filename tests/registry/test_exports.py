"""The export of the register lists (issue 11): every register to XLSX and CSV, read back as a user's spreadsheet
program would (openpyxl, the csv module), with the list's search, filters and sort, scoped to the organisation, in a
fixed number of queries per chunk of rows, with formulas neutralised; and the Art. 30(1) and Art. 33(5) layouts."""

import csv
import datetime
import io
import itertools
import re
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from isms.models import Role
from registry.models import (
    Action,
    AgreementStatus,
    AuditReport,
    ControlCheck,
    ExternalFactor,
    Indicator,
    IndicatorKind,
    InformationAsset,
    Issuer,
    LegalBasis,
    Measurement,
    ProcessingActivity,
    Recommendation,
    RecommendationNote,
    Risk,
    SteeringDocument,
    Transfers,
    TransferSafeguard,
)
from registry.services import incident_create
from registry.spreadsheets import views as export_views
from registry.spreadsheets.columns import (
    DATETIME,
    Boolean,
    Choice,
    DateTime,
    Names,
    Text,
    neutralise,
    restore,
)
from registry.spreadsheets.registers import FILES, REGISTER_SHEETS
from registry.views import REGISTERS
from tests.factories import classify, organisation, system
from tests.registry.ui_support import member, signed_in

D = datetime.date
_years = itertools.count(2000)
TODAY = timezone.localdate


def aware(*args) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(*args))


def export_url(slug: str, fmt: str, layout: str = "", query: str = "") -> str:
    if layout:
        url = reverse("registry:export_layout", kwargs={"register": slug, "layout": layout, "fmt": fmt})
    else:
        url = reverse("registry:export", kwargs={"register": slug, "fmt": fmt})
    return url + (f"?{query}" if query else "")


def download(client, url: str):
    """(response, body bytes) of a GET, reading a streamed response to its end."""
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def read_xlsx(body: bytes) -> dict:
    """{sheet title: worksheet} of an XLSX file."""
    workbook = openpyxl.load_workbook(io.BytesIO(body))
    return {ws.title: ws for ws in workbook.worksheets}


def xlsx_rows(ws) -> list[tuple]:
    return [tuple(row) for row in ws.iter_rows(values_only=True)]


def read_csv(body: bytes) -> list[list[str]]:
    """The rows of a CSV file as Swedish Excel reads it: it must start with the UTF-8 byte-order mark and separate
    values by semicolons."""
    assert body.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte-order mark"
    text = body.decode("utf-8-sig")
    assert "\r\n" in text
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


# --- Rows of every register, with values of every kind ----------------------------------------------------------------


def fill_registers(org, marker: str = "Egen") -> dict:
    """One or more rows of every register in `org`, every kind of value filled in; {register slug: [rows]}."""
    asset = system(
        org,
        name=f"{marker} Procapita",
        description="Verksamhetssystem; för socialtjänsten",
        owner="Socialchef",
        supplier="Leverantör AB",
        hosting="supplier_saas",
        processes_personal_data=True,
        nis2_covered=True,
    )
    classify(asset, D(2019, 5, 1), levels=(1, 1, 1, 1))
    classify(asset, D(2023, 3, 14), levels=(3, 2, 2, 3), method="klassa4", next_review_due=D(2099, 3, 14))
    planned = system(org, name=f"{marker} Nytt system", in_use_from=None)
    processing = ProcessingActivity.objects.create(
        organisation=org,
        name=f"{marker} Handläggning av försörjningsstöd",
        controller_contact="Nämnden, dataskyddsombud@example.se",
        purposes="Handläggning",
        legal_basis=LegalBasis.PUBLIC_TASK,
        data_subject_categories="Sökande",
        personal_data_categories="Namn, personnummer",
        special_categories=True,
        recipients="Försäkringskassan",
        processors="Leverantör AB",
        processing_agreement=AgreementStatus.SIGNED,
        transfers=Transfers.YES,
        transfer_countries="USA",
        transfer_safeguard=TransferSafeguard.DPF,
        retention="Gallras efter 5 år",
        security_measures="Behörighetsstyrning, loggning",
        last_reviewed_on=D(2024, 2, 1),
    )
    processing.assets.set([asset, planned])
    incomplete = ProcessingActivity.objects.create(organisation=org, name=f"{marker} Ofullständig behandling")
    breach = incident_create(
        organisation=org,
        user=None,
        title=f"{marker} Felskickat brev",
        is_personal_data_breach=True,
        occurred_at=aware(2024, 3, 1, 8, 0),
        became_aware_at=aware(2024, 3, 1, 9, 30),
        imy_notified_at=aware(2024, 3, 2, 10, 48),
        imy_reference="IMY-2024-1",
        description="Ett brev skickades till fel adress.",
        immediate_measures="Mottagaren ombads förstöra brevet.",
        affects_confidentiality=True,
        data_subjects_count=1,
        records_count=3,
        data_categories="Namn, adress",
        subjects_not_informed_reason="Låg risk",
    )
    breach.assets.set([asset])
    other_incident = incident_create(
        organisation=org, user=None, title=f"{marker} Serveravbrott", became_aware_at=aware(2024, 4, 1, 12, 0)
    )
    action = Action.objects.create(
        organisation=org,
        plan_year=2024,
        title=f"{marker} Klassa alla system",
        theme="classification",
        due_date=D(2024, 12, 31),
    )
    risk = Risk.objects.create(
        organisation=org, title=f"{marker} Obehörig åtkomst", likelihood=3, consequence=4, treatment="reduce"
    )
    risk.assets.set([asset])
    risk.actions.set([action])
    report = AuditReport.objects.create(
        issuer=Issuer.CITY_AUDIT, title=f"{marker} Granskning av dataskydd", number="Nr 5/2019", date=D(2019, 4, 24)
    )
    report.organisations.add(org)
    recommendation = Recommendation.objects.create(
        organisation=org,
        report=report,
        number=1,
        text=f"{marker} Inventera behandlingarna",
        status="planned",
        planned_year=2024,
    )
    RecommendationNote.objects.create(recommendation=recommendation, date=D(2023, 5, 10), text="Påbörjat")
    action.recommendation = recommendation
    action.save()
    check = ControlCheck.objects.create(
        organisation=org,
        plan_year=2023,
        process="Behörighetshantering",
        control=f"{marker} Stickprov av behörigheter",
        performed_on=D(2023, 9, 1),
        sample_size=20,
        deviations_found=2,
        deviations_remedied=1,
    )
    document = SteeringDocument.objects.create(
        organisation=org, title=f"{marker} Incidentrutin", status="adopted", adopted_on=D(2022, 1, 1), required=True
    )
    factor = ExternalFactor.objects.create(
        organisation=org, title=f"{marker} NIS2", category="law", text="Cybersäkerhetslagen", valid_from=D(2026, 1, 15)
    )
    indicator, _created = Indicator.objects.get_or_create(
        code="e_learning_export", defaults={"name": "E-utbildning", "kind": IndicatorKind.ENTERED}
    )
    measurement = Measurement.objects.create(
        indicator=indicator, organisation=org, year=next(_years), value=Decimal("78.5"), note=f"{marker} mätning"
    )
    return {
        "assets": [asset, planned],
        "processing": [processing, incomplete],
        "incidents": [breach, other_incident],
        "risks": [risk],
        "reports": [report],
        "recommendations": [recommendation],
        "controls": [check],
        "actions": [action],
        "documents": [document],
        "factors": [factor],
        "indicators": [measurement],
    }


@pytest.fixture
def world(db, client):
    """Two organisations with rows in every register, and a reader of the first, signed in."""
    own, other = organisation(code="eav"), organisation(code="hsv")
    rows = fill_registers(own)
    fill_registers(other, marker="Annan")
    signed_in(client, member(own, Role.READER))
    return {"own": own, "other": other, "rows": rows}


def prepared(sheet, ids) -> dict:
    """{pk: row} of the rows `ids` as the sheet reads them (with what its columns need), freshly from the database."""
    return {row.pk: row for row in sheet.rows(sheet.model._default_manager.filter(pk__in=ids), chunk_size=100)}


def expected(column, row):
    """What reading the column's cell back must give: the row's value, in the form Kind.parse returns."""
    value = column.get(row)
    kind = column.kind
    if isinstance(kind, Boolean):
        return bool(value)
    if isinstance(kind, Names):
        return tuple(str(v) for v in value) if value else ()
    if value is None or value == "":
        return kind.empty if not isinstance(kind, Text) else ""
    if isinstance(kind, Text):
        return str(value)
    return value


# --- Every register: XLSX and CSV, headers, types and values read back -----------------------------------------------


@pytest.mark.parametrize("register", REGISTERS, ids=lambda r: r.slug)
def test_every_register_exports_its_rows_to_xlsx_and_csv_and_each_value_reads_back(client, world, register):
    sheets = REGISTER_SHEETS[register.slug]
    rows = world["rows"][register.slug]

    response, body = download(client, export_url(register.slug, "xlsx"))

    assert response.status_code == 200
    assert response["Content-Type"] == export_views.XLSX_TYPE
    workbook = read_xlsx(body)
    assert len(workbook) == len(sheets)
    for ws, sheet in zip(workbook.values(), sheets, strict=True):
        found = xlsx_rows(ws)
        assert list(found[0]) == sheet.headers
        assert ws.freeze_panes == "A2", "the header row stays in view"
        assert ws.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(sheet.headers))}{len(found)}"
        assert all(ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width for i in range(1, len(found[0])))
        ids = [r[0] for r in found[1:]]
        assert len(ids) == len(set(ids))
        if sheet is sheets[0]:
            assert sorted(ids) == sorted(r.pk for r in rows), "every row of the organisation, no other"
        by_id = prepared(sheet, ids)
        for line in found[1:]:
            row = by_id[line[0]]
            assert line[1] == row.version
            for column, value in zip(sheet.columns, line, strict=True):
                if column.read_only and column.field not in ("id", "version"):
                    continue
                assert column.kind.parse(value) == expected(column, row), (column.header, value)

    response, body = download(client, export_url(register.slug, "csv"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = read_csv(body)
    sheet = sheets[0]
    assert lines[0] == sheet.headers
    assert sorted(int(line[0]) for line in lines[1:]) == sorted(r.pk for r in rows)
    by_id = prepared(sheet, [r.pk for r in rows])
    for line in lines[1:]:
        row = by_id[int(line[0])]
        for column, text in zip(sheet.columns, line, strict=True):
            if column.read_only and column.field not in ("id", "version"):
                continue
            assert column.kind.parse(text) == expected(column, row), (column.header, text)


def test_asset_file_holds_typed_cells_swedish_headers_and_the_classification_in_force(client, world):
    asset, planned = world["rows"]["assets"]

    _response, body = download(client, export_url("assets", "xlsx"))

    ws = read_xlsx(body)["Informationstillgångar"]
    header, *rows = xlsx_rows(ws)
    assert header[:4] == ("Id", "Version", "Namn", "Typ")
    columns = {name: index for index, name in enumerate(header)}
    line = next(r for r in rows if r[0] == asset.pk)
    assert line[columns["Namn"]] == "Egen Procapita"
    assert line[columns["Typ"]] == "System (it-system/e-tjänst)"
    assert line[columns["Behandlar personuppgifter"]] == "Ja"
    assert line[columns["Drift"]] == "Leverantörens tjänst (SaaS)"
    assert line[columns["Klassning beslutad"]] == datetime.datetime(2023, 3, 14)
    assert line[columns["Klassningsmetod"]] == "KLASSA 4.0"
    levels = ("Konfidentialitet (K)", "Riktighet (R)", "Tillgänglighet (T)", "Spårbarhet (S)")
    assert [line[columns[h]] for h in levels] == [3, 2, 2, 3]
    assert line[columns["Klassningen ses över senast"]] == datetime.datetime(2099, 3, 14)
    assert line[columns["Klassningens läge i dag"]] == "Aktuell"
    unclassified = next(r for r in rows if r[0] == planned.pk)
    assert unclassified[columns["Klassning beslutad"]] is None
    assert unclassified[columns["Klassningens läge i dag"]] == "Saknas"
    # The cells are typed: numbers as numbers, dates as dates in ISO form.
    row_number = rows.index(line) + 2
    decided = ws.cell(row=row_number, column=columns["Klassning beslutad"] + 1)
    assert decided.is_date and decided.number_format == "yyyy-mm-dd"
    assert ws.cell(row=row_number, column=columns["Konfidentialitet (K)"] + 1).data_type == "n"
    assert ws.cell(row=row_number, column=1).data_type == "n"
    assert ws.cell(row=1, column=1).font.bold


def test_csv_is_as_swedish_excel_reads_it(client, world):
    _response, body = download(client, export_url("indicators", "csv"))

    text = body.decode("utf-8")
    assert text.startswith("\ufeffId;Version;Nyckeltalets kod;Nyckeltal;År;Värde;Enhet;Kommentar\r\n")
    header, line = read_csv(body)
    assert line[header.index("Värde")] == "78,5", "decimal comma"

    _response, body = download(client, export_url("processing", "csv"))
    header, *lines = read_csv(body)
    line = next(row for row in lines if row[header.index("Behandling")].endswith("försörjningsstöd"))
    assert line[header.index("Senast granskad")] == "2024-02-01", "ISO dates"
    assert line[header.index("System/lagringsplats")] == "Egen Nytt system; Egen Procapita"
    assert line[header.index("Saknade uppgifter (art. 30.1)")] == ""

    _response, body = download(client, export_url("assets", "csv"))
    assert '"Verksamhetssystem; för socialtjänsten"' in body.decode(), "a semicolon in a value is quoted"

    _response, body = download(client, export_url("incidents", "csv"))
    header, *lines = read_csv(body)
    line = next(row for row in lines if row[header.index("Rubrik")] == "Egen Felskickat brev")
    assert line[header.index("Upptäcktes")] == "2024-03-01 09:30", "Swedish time"
    assert line[header.index("Incidentnummer")] == "2024-001"


def test_file_names_name_the_register_the_organisation_and_the_day(client, world):
    today = TODAY().isoformat()
    cases = {
        export_url("assets", "xlsx"): f"informationstillgangar-eav-{today}.xlsx",
        export_url("assets", "csv"): f"informationstillgangar-eav-{today}.csv",
        export_url("processing", "xlsx", "art30"): f"registerforteckning-art-30-eav-{today}.xlsx",
        export_url("incidents", "csv", "art33"): f"personuppgiftsincidenter-art-33-eav-{today}.csv",
    }
    for url, name in cases.items():
        response, _body = download(client, url)
        assert response["Content-Disposition"] == f'attachment; filename="{name}"'
        assert "no-store" in response["Cache-Control"]


# --- The list's selection: search, filters and sort, every page ---------------------------------------------------


def test_the_export_holds_what_the_list_shows_filtered_searched_and_sorted_on_every_page(client, world):
    org = world["own"]
    for n in range(55):
        InformationAsset.objects.create(
            organisation=org, name=f"Mängd {n:02d}", kind="information_set", status="in_use", in_use_from=D(2020, 1, 1)
        )

    _r, body = download(client, export_url("assets", "csv", query="kind=information_set&sort=-name&page=2"))
    names = [line[2] for line in read_csv(body)[1:]]
    assert names == [f"Mängd {n:02d}" for n in range(54, -1, -1)], "all 55 (more than a page), newest name first"

    _r, body = download(client, export_url("assets", "xlsx", query="kind=system&q=procapita"))
    assert [r[2] for r in xlsx_rows(read_xlsx(body)["Informationstillgångar"])[1:]] == ["Egen Procapita"]

    _r, body = download(client, export_url("assets", "csv", query="classification=missing&kind=system"))
    assert [line[2] for line in read_csv(body)[1:]] == ["Egen Nytt system"]

    _r, body = download(client, export_url("processing", "csv", query="incomplete=yes"))
    assert [line[2] for line in read_csv(body)[1:]] == ["Egen Ofullständig behandling"]


def test_the_list_offers_the_exports_of_what_it_shows(client, world):
    page = client.get("/registry/assets/?kind=system&page=1&sort=name").content.decode()

    assert 'href="/registry/assets/export.xlsx?kind=system&amp;sort=name"' in page
    assert 'href="/registry/assets/export.csv?kind=system&amp;sort=name"' in page
    assert "Exportera: " in page
    processing = client.get("/registry/processing/").content.decode()
    assert 'href="/registry/processing/export-art30.xlsx"' in processing
    assert "Registerförteckning enligt art. 30.1: " in processing
    incidents = client.get("/registry/incidents/").content.decode()
    assert 'href="/registry/incidents/export-art33.csv"' in incidents
    for register in REGISTERS:
        listing = client.get(register.url("list")).content.decode()
        for export in FILES[register.slug]:
            for fmt in ("xlsx", "csv"):
                assert f'href="{export_url(register.slug, fmt, export.key)}"' in listing, (register.slug, export.key)


def test_reports_export_names_each_recommendation_s_report(client, world):
    report = world["rows"]["reports"][0]
    recommendation = world["rows"]["recommendations"][0]

    _r, body = download(client, export_url("reports", "xlsx"))
    sheets = read_xlsx(body)
    assert list(sheets) == ["Granskningar", "Rekommendationer"]
    header, line = xlsx_rows(sheets["Rekommendationer"])
    values = dict(zip(header, line, strict=True))
    assert values["Id"] == recommendation.pk
    assert values["Granskningens id"] == report.pk
    assert values["Granskning"] == "Egen Granskning av dataskydd (Nr 5/2019)"
    assert values["Lägesanteckningar"] == "2023-05-10: Påbörjat"

    _r, body = download(client, export_url("reports", "csv", "recommendations"))
    header, line = read_csv(body)
    assert line[header.index("Granskningens id")] == str(report.pk)

    _r, body = download(client, export_url("reports", "csv", "recommendations", query="q=finns+inte"))
    assert len(read_csv(body)) == 1, "only the recommendations of the reports the list shows"


# --- Scope and permissions ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", list(Role))
def test_every_role_exports_its_own_organisation_only(client, world, role):
    client.logout()
    signed_in(client, member(world["own"], role))
    for register in REGISTERS:
        for export in FILES[register.slug]:
            for fmt in ("xlsx", "csv"):
                response, body = download(client, export_url(register.slug, fmt, export.key))
                assert response.status_code == 200
                text = body.decode() if fmt == "csv" else xlsx_text(body)
                assert "Annan" not in text, (register.slug, export.key, fmt)
                assert "Egen" in text, (register.slug, export.key, fmt)


def xlsx_text(body: bytes) -> str:
    return "\n".join(str(v) for ws in read_xlsx(body).values() for row in xlsx_rows(ws) for v in row if v is not None)


def test_anonymous_visitors_are_sent_to_sign_in_and_unknown_files_are_not_found(client, world):
    assert client.get(export_url("assets", "xlsx", "art30")).status_code == 404
    assert client.get("/registry/nothing/export.csv").status_code == 404
    assert client.get("/registry/assets/export.pdf").status_code == 404
    client.logout()
    response = client.get(export_url("assets", "xlsx"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


# --- Formulas ---------------------------------------------------------------------------------------------------------

FORMULAS = ['=HYPERLINK("http://x")', "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+46 8 508 00 000", "'+46 8 508 00 000"),
        ("-", "'-"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("\nx", "'\nx"),
        ("'=1", "''=1"),
        ("''=1", "'''=1"),
        ("'plain", "'plain"),
        ("Plain text", "Plain text"),
        ("", ""),
    ],
)
def test_neutralise_and_restore(text, written):
    assert neutralise(text) == written
    assert restore(written) == text


def test_formulas_in_user_text_are_written_as_text_never_run(client, world):
    org = world["own"]
    asset = system(
        org,
        name=FORMULAS[0],
        description=FORMULAS[1],
        owner=FORMULAS[2],
        system_owner=FORMULAS[3],
        system_administrator=FORMULAS[4],
        supplier=FORMULAS[5],
    )
    fields = ["name", "description", "owner", "system_owner", "system_administrator", "supplier"]
    InformationAsset.objects.create(organisation=org, name="#N/A", kind="process", status="planned")

    _r, body = download(client, export_url("assets", "xlsx"))
    ws = read_xlsx(body)["Informationstillgångar"]
    header = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == asset.pk)
    for name, text in zip(fields, FORMULAS, strict=True):
        cell = row[header.index(str(InformationAsset._meta.get_field(name).verbose_name).capitalize())]
        assert cell.data_type == "s", name
        read = text.replace("\r", "\n")  # XML reads a carriage return as a line feed
        assert cell.value == "'" + read
        assert Text().parse(cell.value) == read
    error_like = next(r for r in ws.iter_rows(min_row=2) if r[2].value == "#N/A")
    assert error_like[2].data_type == "s"

    _r, body = download(client, export_url("assets", "csv"))
    header, *lines = read_csv(body)
    line = next(line for line in lines if line[0] == str(asset.pk))
    for name, text in zip(fields, FORMULAS, strict=True):
        cell = line[header.index(str(InformationAsset._meta.get_field(name).verbose_name).capitalize())]
        assert cell == "'" + text
        assert Text().parse(cell) == text


# --- Queries: a fixed number per chunk, whatever the row count ---------------------------------------------------------


def export_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response, _body = download(client, url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("register", REGISTERS, ids=lambda r: r.slug)
def test_query_count_does_not_grow_with_rows_within_a_chunk_and_is_fixed_per_chunk(
    client, world, register, monkeypatch
):
    org = world["own"]
    urls = [export_url(register.slug, fmt, export.key) for export in FILES[register.slug] for fmt in ("xlsx", "csv")]
    few = [export_queries(client, url) for url in urls]
    for n in range(6):
        fill_registers(org, marker=f"Egen {n}")
    assert [export_queries(client, url) for url in urls] == few

    monkeypatch.setattr(export_views, "CHUNK_SIZE", 2)
    counts = []
    for n in range(3):
        counts.append([export_queries(client, url) for url in urls])
        for m in range(2):
            fill_registers(org, marker=f"Egen chunk {n}-{m}")
    growth = [
        [b - a for a, b in zip(before, after, strict=True)] for before, after in zip(counts, counts[1:], strict=False)
    ]
    assert growth[0] == growth[1], "each chunk of rows costs the same queries"


# --- The legal layouts -----------------------------------------------------------------------------------------------


def test_register_of_processing_in_the_art_30_layout(client, world):
    org = world["own"]
    org.board_name = "Enskede-Årsta-Vantörs stadsdelsnämnd"
    org.save()

    _r, body = download(client, export_url("processing", "xlsx", "art30"))

    ws = read_xlsx(body)["Registerförteckning art. 30.1"]
    header, *rows = xlsx_rows(ws)
    assert len(rows) == 2, "one row per processing activity"
    assert header[:4] == (
        "Personuppgiftsbehandling",
        "Personuppgiftsansvarig",
        "Art. 30.1 a Namn och kontaktuppgifter för den personuppgiftsansvarige och, i tillämpliga fall, gemensamt "
        "personuppgiftsansvariga, den personuppgiftsansvariges företrädare och dataskyddsombudet",
        "Art. 30.1 b Ändamålen med behandlingen",
    )
    for letter in "abcdefg":
        assert any(h.startswith(f"Art. 30.1 {letter} ") for h in header), letter
    values = dict(zip(header, next(r for r in rows if r[0].endswith("försörjningsstöd")), strict=True))
    assert values["Personuppgiftsansvarig"] == "Enskede-Årsta-Vantörs stadsdelsnämnd"
    assert values[header[2]] == "Nämnden, dataskyddsombud@example.se"
    assert values["Art. 30.1 c Kategorier av registrerade"] == "Sökande"
    assert values["Art. 30.1 c Kategorier av personuppgifter"] == "Namn, personnummer"
    transfers = next(h for h in header if h.startswith("Art. 30.1 e "))
    assert values[transfers] == "USA – EU-U.S. Data Privacy Framework (art. 45)"
    assert values["Art. 30.1 f Planerade tidsfrister för radering (gallring)"] == "Gallras efter 5 år"
    assert values["Personuppgiftsbiträden och biträdesavtal"] == "Leverantör AB – Avtal finns"
    assert values["Saknade uppgifter (art. 30.1)"] is None
    incomplete = dict(zip(header, next(r for r in rows if r[0] == "Egen Ofullständig behandling"), strict=True))
    assert incomplete["Saknade uppgifter (art. 30.1)"] == "a, b, c, d, e, f, g"

    _r, body = download(client, export_url("processing", "csv", "art30", query="incomplete=yes"))
    header, *lines = read_csv(body)
    assert [line[0] for line in lines] == ["Egen Ofullständig behandling"]
    assert header[2].startswith("Art. 30.1 a ")


def test_personal_data_breaches_in_the_art_33_5_log(client, world):
    breach = world["rows"]["incidents"][0]
    late = incident_create(
        organisation=world["own"],
        user=None,
        title="Egen Försenad anmälan",
        is_personal_data_breach=True,
        became_aware_at=aware(2024, 5, 6, 8, 0),
        imy_notified_at=aware(2024, 5, 10, 8, 0),
        late_notification_reason="Oklart ansvar under semestern",
    )
    not_notified = incident_create(
        organisation=world["own"],
        user=None,
        title="Egen Ej anmäld",
        is_personal_data_breach=True,
        became_aware_at=aware(2024, 6, 1, 8, 0),
        not_notified_reason="Ingen risk för de registrerade",
    )

    _r, body = download(client, export_url("incidents", "xlsx", "art33"))

    ws = read_xlsx(body)["Incidentlogg art. 33.5"]
    header, *rows = xlsx_rows(ws)
    assert [r[0] for r in rows] == [not_notified.reference, late.reference, breach.reference], "breaches only"
    values = dict(zip(header, rows[2], strict=True))
    assert values["Art. 33.5 Omständigheterna kring incidenten"] == "Ett brev skickades till fel adress."
    assert values["Art. 33.5 Effekter: påverkade aspekter"] == "Konfidentialitet"
    assert values["Art. 33.5 Vidtagna korrigerande åtgärder"] == "Mottagaren ombads förstöra brevet."
    assert values["Anmälan till IMY senast (art. 33.1, 72 h)"] == datetime.datetime(2024, 3, 4, 9, 30)
    assert values["Anmäld till IMY"] == datetime.datetime(2024, 3, 2, 10, 48)
    assert values["Timmar från upptäckt till anmälan"] == 25.3
    assert values["Anmälan till IMY (72 h)"] == "Anmäld i tid"
    assert values["Antal registrerade"] == 1 and values["Antal poster"] == 3
    assert values["Skäl att inte informera registrerade"] == "Låg risk"
    assert dict(zip(header, rows[1], strict=True))["Anmälan till IMY (72 h)"] == "Anmäld sent"
    assert dict(zip(header, rows[1], strict=True))["Skäl till sen anmälan"] == "Oklart ansvar under semestern"
    assert dict(zip(header, rows[0], strict=True))["Anmälan till IMY (72 h)"] == "Ej anmäld – skäl angivet"
    assert dict(zip(header, rows[0], strict=True))["Skäl att inte anmäla"] == "Ingen risk för de registrerade"

    _r, body = download(client, export_url("incidents", "csv", "art33"))
    header, *lines = read_csv(body)
    line = dict(zip(header, lines[2], strict=True))
    assert line["Timmar från upptäckt till anmälan"] == "25,3"
    assert line["Anmäld till IMY"] == "2024-03-02 10:48"


# --- Reading values back ------------------------------------------------------------------------------------------


def test_kinds_read_back_what_swedish_excel_writes():
    level = Choice([(1, "Hög"), (2, "Medel")])
    assert level.parse("hög") == 1 and level.parse(" Medel ") == 2 and level.parse(2) == 2 and level.parse("") == ""
    with pytest.raises(ValueError, match="Skriv ett av: Hög; Medel"):
        level.parse("Låg")
    assert Boolean().parse("JA") is True and Boolean().parse("nej") is False and Boolean().parse(None) is False
    assert DATETIME.parse("2024-03-01 09:30") == aware(2024, 3, 1, 9, 30)
    assert DATETIME.parse(datetime.datetime(2024, 3, 1, 9, 30)) == aware(2024, 3, 1, 9, 30)
    stockholm = timezone.get_current_timezone()
    summer = DateTime().text(datetime.datetime(2024, 10, 27, 2, 30, tzinfo=stockholm, fold=0))
    winter = DateTime().text(datetime.datetime(2024, 10, 27, 2, 30, tzinfo=stockholm, fold=1))
    assert (summer, winter) == ("2024-10-27 02:30 (sommartid)", "2024-10-27 02:30 (vintertid)")
    assert DATETIME.parse(winter) - DATETIME.parse(summer) == datetime.timedelta(hours=1)
    with pytest.raises(ValueError, match="inträffar två gånger"):
        DATETIME.parse("2024-10-27 02:30")
    with pytest.raises(ValueError, match="finns inte i svensk tid"):
        DATETIME.parse("2024-03-31 02:30")
    with pytest.raises(ValueError, match=re.escape("Skriv datumet som ÅÅÅÅ-MM-DD")):
        REGISTER_SHEETS["assets"][0].columns[6].kind.parse("1/3/2024")
