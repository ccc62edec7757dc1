"""Demo data: the reference organisation (Enskede-Årsta-Vantör, code "eav") and a second one (Hässelby-Vällingby, "hsv").

From the eav data the 2024 management review reproduces the reference document
(shared/reference/ledningens-genomgang-2024-eav.md): every figure in it is computed from the rows below, and the
narrative texts are the reference's own. It is then approved through the workflow as the reference was (2023-11-23,
by `forvaltningschef`, with two decisions and its stored PDF), and a 2025 draft is started from it (portal.demo_review);
later runs never render or replace the approved PDF. `load_demo()` writes everything in one transaction and is idempotent: every
row is found by its natural key and saved only when a value differs, so a second run changes nothing (no new rows, no
new history entries). No migration creates users; this module does, on request. The registers of processing,
incidents, risks and the entered indicator values come from portal.demo_registers (its docstring has their figures).

Classification coverage (DESIGN.md §3): among systems (kind "system") in use on D — in_use_from <= D and (no
retired_on or D < retired_on) — the share whose classification in force on D (the newest decided on or before D)
has K, R and T assessed (and S for KLASSA methods) and a next_review_due not before D. Whole percent, half up.

eav, 22 systems:
  19 "continuing" systems, in use since before 2021 and still in use:
     Lifecare (Procapita), Treserva, Raindance, Multi-Access, Heroma, Ciceron diarium, Skolplattformen,
     TimeCare Planering, Intraphone, Tempus, Stratsys, Matilda, Pascal, NPÖ, E-tjänst ekonomiskt bistånd,
     Synpunktshantering, Interbook Go, Tunstall larmmottagning, E-post och kalender
   + Visma Personec   in use from 2015, retired 2023-02-28 (in use on 2021-12-31 and 2022-12-31, not at the cut-off)
   + Phoniro Care     in use from 2023-03-01 (in use at the cut-off only)
   + Lifecare Mobil Omsorg, planned, not yet in use (classified ahead of go-live: counts nowhere)

  Classified (classification in force, complete, not stale):
     Lifecare        KLASSA 3 2020-05-12 (review due 2023-05-12), superseded by KLASSA 4.0 2023-03-15
     Multi-Access    2020-02-18, review due 2023-02-28: STALE from 2023-03-01, never reviewed -> not at the cut-off
     Treserva        2021-06-10
     Raindance       2021-09-20 (MSB model: no S needed)
     Heroma          2022-04-05
     Visma Personec  2022-10-11 (system retired 2023-02-28)
     Phoniro Care    2023-02-20 (before go-live 2023-03-01)
     Ciceron 2023-04-18, Skolplattformen 2023-06-07, TimeCare 2023-09-12, Intraphone 2023-10-03
     Tempus          2023-11-15: decided on the cut-off date itself, counts ("on or before D")
     Stratsys        2023-09-26 INCOMPLETE (no availability level) -> never counts
  (Information sets and processes are classified too; they are not systems and count nowhere.)

  2020-12-31: 20 in use (19 + Personec); classified Lifecare, Multi-Access                          =  2 -> 10 %
  2021-12-31: 20 in use (19 + Personec); + Treserva, Raindance                                      =  4 -> 20 %
  2022-12-31: 20 in use (19 + Personec); + Heroma, Personec                                         =  6 -> 30 %
  2023-11-15: 20 in use (19 + Phoniro);  Lifecare, Treserva, Raindance, Heroma (Multi-Access stale,
              Personec retired) + Phoniro, Ciceron, Skolplattformen, TimeCare, Intraphone, Tempus =  10 -> 50 %
  2023-12-31: as at the cut-off                                                                     = 10 -> 50 %
  The review's sentence: "ökat med 20 procentenheter, från 30 procent till 50 procent, sedan 2022".

hsv, 12 systems all in use since before 2021:
  classified Lifecare 2021-05-20, Treserva 2022-03-08, Raindance 2022-09-14, Heroma 2023-02-01,
  TimeCare 2023-04-25, Skolplattformen 2023-06-13, Phoniro Care 2023-10-10 (cut-off 2023-11-10)
  2021-12-31: 1/12 -> 8 %; 2022-12-31: 3/12 -> 25 %; 2023-11-10: 7/12 -> 58 %.
"""

import datetime
import secrets
from collections import Counter

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction

from isms.models import Membership, Organisation, Role
from registry.models import (
    Action,
    ActionStatus,
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
    InformationAsset,
    Issuer,
    Priority,
    Recommendation,
    RecommendationNote,
    RecommendationStatus,
    SteeringDocument,
    Theme,
)
from reviews import sections as S
from reviews.models import ManagementReview, ReviewFactor, ReviewSection, ReviewStatus

from .demo_registers import EAV_REGISTERS, HSV_REGISTERS, load_registers
from .demo_review import load_review_workflow

D = datetime.date
KLASSA_4 = ClassificationMethod.KLASSA_4
KLASSA_3 = ClassificationMethod.KLASSA_3
MSB = ClassificationMethod.MSB


def _p(*paragraphs: str) -> str:
    """A narrative: paragraphs separated by one blank line."""
    return "\n\n".join(paragraphs)


def _c(decided_on, krts: str, next_review_due, *, method=KLASSA_4, decided_by="", participants="", notes=""):
    """A classification decided on `decided_on`; `krts` gives the K, R, T and S levels, "-" where not assessed."""
    k, r, t, s = (None if level == "-" else int(level) for level in krts)
    return {
        "decided_on": decided_on,
        "method": method,
        "confidentiality": k,
        "integrity": r,
        "availability": t,
        "traceability": s,
        "next_review_due": next_review_due,
        "decided_by": decided_by,
        "participants": participants,
        "notes": notes,
    }


# ---------------------------------------------------------------------------------------------------------------------
# Organisations and users
# ---------------------------------------------------------------------------------------------------------------------

ORGANISATIONS = [
    {
        "code": "eav",
        "name": "Enskede-Årsta-Vantörs stadsdelsförvaltning",
        "board_name": "Enskede-Årsta-Vantörs stadsdelsnämnd",
        "diarienummer_prefix": "EÅV",
    },
    {
        "code": "hsv",
        "name": "Hässelby-Vällingby stadsdelsförvaltning",
        "board_name": "Hässelby-Vällingby stadsdelsnämnd",
        "diarienummer_prefix": "HSV",
    },
]

# username: (first name, last name, [(organisation code, role), ...]). The organisation's register rows are
# created and changed by its first coordinator listed here.
USERS = {
    "samordnare": ("Sara", "Lindqvist", [("eav", Role.COORDINATOR)]),
    "forvaltningschef": ("Anders", "Ekström", [("eav", Role.HEAD)]),
    "dataskyddsombud": ("Maria", "Nyberg", [("eav", Role.DPO)]),
    "systemagare": ("Johan", "Berg", [("eav", Role.CONTRIBUTOR)]),
    "lasare": ("Karin", "Sjögren", [("eav", Role.READER), ("hsv", Role.READER)]),
    "samordnare_hsv": ("Ali", "Hassan", [("hsv", Role.COORDINATOR)]),
}
EMAIL_DOMAIN = "example.org"

# ---------------------------------------------------------------------------------------------------------------------
# eav: information assets and classifications (arithmetic in the module docstring)
# ---------------------------------------------------------------------------------------------------------------------

_AO = "Avdelningschef, äldreomsorg"
_IFO = "Avdelningschef, individ- och familjeomsorg"
_FSK = "Avdelningschef, förskola"
_ADM = "Administrativ chef"
_SLK = "Stadsledningskontoret"
_ISS = "Informationssäkerhetssamordnare"

EAV_ASSETS = [
    {
        "name": "Lifecare (Procapita)",
        "description": "Verksamhetssystem för dokumentation och beslut inom äldreomsorg och stöd till personer med "
        "funktionsnedsättning.",
        "owner": _AO,
        "system_owner": _AO,
        "system_administrator": "Systemförvaltare, äldreomsorg",
        "supplier": "Tietoevry",
        "hosting": Hosting.CITY_SHARED,
        "processes_personal_data": True,
        "special_categories": True,
        "osl_secrecy": True,
        "critical_function": True,
        "in_use_from": D(2012, 9, 1),
        "classifications": [
            _c(D(2020, 5, 12), "3333", D(2023, 5, 12), method=KLASSA_3, decided_by=_AO),
            _c(
                D(2023, 3, 15),
                "3333",
                D(2026, 3, 15),
                decided_by=_AO,
                participants="Systemförvaltare, enhetschef hemtjänst, informationssäkerhetssamordnare",
                notes="Ny klassning enligt KLASSA 4.0; ersätter klassningen från 2020.",
            ),
        ],
    },
    {
        "name": "Treserva",
        "description": "Verksamhetssystem för individ- och familjeomsorgen: utredningar, beslut och journal.",
        "owner": _IFO,
        "system_owner": _IFO,
        "system_administrator": "Systemförvaltare, individ- och familjeomsorg",
        "supplier": "CGI",
        "hosting": Hosting.CITY_SHARED,
        "processes_personal_data": True,
        "special_categories": True,
        "osl_secrecy": True,
        "critical_function": True,
        "in_use_from": D(2014, 2, 1),
        "classifications": [_c(D(2021, 6, 10), "4333", D(2024, 6, 10), decided_by=_IFO)],
    },
    {
        "name": "Raindance",
        "description": "Stadens ekonomisystem: leverantörsfakturor, attest och redovisning.",
        "owner": _ADM,
        "system_owner": _SLK,
        "system_administrator": "Ekonomienheten",
        "supplier": "CGI",
        "hosting": Hosting.CITY_SHARED,
        "processes_personal_data": True,
        "in_use_from": D(2008, 1, 1),
        "classifications": [
            _c(
                D(2021, 9, 20),
                "132-",
                D(2024, 9, 20),
                method=MSB,
                decided_by=_SLK,
                notes="Stadsgemensam klassning enligt MSB:s modell, antagen av förvaltningen.",
            )
        ],
    },
    {
        "name": "Multi-Access",
        "description": "Passersystem för förvaltningens lokaler och boenden.",
        "owner": _ADM,
        "system_owner": _ADM,
        "system_administrator": "Lokalenheten",
        "hosting": Hosting.OWN,
        "processes_personal_data": True,
        "in_use_from": D(2016, 4, 1),
        "classifications": [
            _c(
                D(2020, 2, 18),
                "2232",
                D(2023, 2, 28),
                decided_by=_ADM,
                notes="Översyn försenad; ny klassning planeras.",
            )
        ],
    },
    {
        "name": "Heroma",
        "description": "Stadens system för personal- och löneadministration.",
        "owner": _ADM,
        "system_owner": _SLK,
        "system_administrator": "HR-enheten",
        "supplier": "CGI",
        "hosting": Hosting.CITY_SHARED,
        "processes_personal_data": True,
        "special_categories": True,
        "in_use_from": D(2011, 1, 1),
        "classifications": [_c(D(2022, 4, 5), "3323", D(2025, 4, 5), decided_by=_ADM)],
    },
    {
        "name": "Ciceron diarium",
        "description": "Diarium och ärendehantering för nämndens allmänna handlingar.",
        "owner": _ADM,
        "system_owner": _ADM,
        "system_administrator": "Registrator",
        "hosting": Hosting.CITY_SHARED,
        "processes_personal_data": True,
        "osl_secrecy": True,
        "in_use_from": D(2013, 1, 1),
        "classifications": [_c(D(2023, 4, 18), "2323", D(2026, 4, 18), decided_by=_ADM)],
    },
    {
        "name": "Skolplattformen",
        "description": "Stadens plattform för förskolan: barn, vårdnadshavare, närvaro och kommunikation.",
        "owner": _FSK,
        "system_owner": "Utbildningsförvaltningen",
        "system_administrator": "Förskolans it-samordnare",
        "hosting": Hosting.CITY_SHARED,
        "processes_personal_data": True,
        "osl_secrecy": True,
        "in_use_from": D(2018, 8, 1),
        "classifications": [_c(D(2023, 6, 7), "3222", D(2026, 6, 7), decided_by=_FSK)],
    },
    {
        "name": "TimeCare Planering",
        "description": "Schemaläggning och bemanning inom äldreomsorgen.",
        "owner": _AO,
        "system_owner": _AO,
        "system_administrator": "Bemanningsenheten",
        "hosting": Hosting.SUPPLIER_SAAS,
        "processes_personal_data": True,
        "in_use_from": D(2017, 3, 1),
        "classifications": [_c(D(2023, 9, 12), "1231", D(2026, 9, 12), decided_by=_AO)],
    },
    {
        "name": "Intraphone",
        "description": "Mobil kommunikation och larmhantering för hemtjänstens personal.",
        "owner": _AO,
        "system_owner": _AO,
        "system_administrator": "Systemförvaltare, äldreomsorg",
        "hosting": Hosting.SUPPLIER_SAAS,
        "processes_personal_data": True,
        "special_categories": True,
        "critical_function": True,
        "in_use_from": D(2016, 10, 1),
        "classifications": [_c(D(2023, 10, 3), "2332", D(2026, 10, 3), decided_by=_AO)],
    },
    {
        "name": "Tempus",
        "description": "Förskolans schema- och närvarohantering.",
        "owner": _FSK,
        "system_owner": _FSK,
        "system_administrator": "Förskolans it-samordnare",
        "hosting": Hosting.SUPPLIER_SAAS,
        "processes_personal_data": True,
        "in_use_from": D(2019, 1, 15),
        "classifications": [_c(D(2023, 11, 15), "2221", D(2026, 11, 15), decided_by=_FSK)],
    },
    {
        "name": "Stratsys",
        "description": "Verksamhetsplanering och uppföljning (stadens integrerade ledningssystem).",
        "owner": _ADM,
        "system_owner": _SLK,
        "system_administrator": "Kvalitetsutvecklare",
        "supplier": "Stratsys",
        "hosting": Hosting.CLOUD_EU,
        "in_use_from": D(2015, 1, 1),
        "classifications": [
            _c(
                D(2023, 9, 26),
                "12-1",
                D(2026, 9, 26),
                decided_by=_ADM,
                notes="Tillgänglighet ej bedömd: beroenden till stadsgemensam drift utreds.",
            )
        ],
    },
    {
        "name": "Matilda",
        "description": "Måltidsplanering och specialkost inom förskola och äldreomsorg.",
        "owner": _FSK,
        "system_administrator": "Kostenheten",
        "supplier": "Matilda Foodtech",
        "hosting": Hosting.SUPPLIER_SAAS,
        "processes_personal_data": True,
        "special_categories": True,
        "in_use_from": D(2019, 8, 1),
    },
    {
        "name": "Pascal",
        "description": "Nationell e-tjänst för ordination av dosdispenserade läkemedel.",
        "owner": _AO,
        "system_owner": "eHälsomyndigheten",
        "hosting": Hosting.SUPPLIER_SAAS,
        "processes_personal_data": True,
        "special_categories": True,
        "osl_secrecy": True,
        "in_use_from": D(2014, 6, 1),
    },
    {
        "name": "Nationell patientöversikt (NPÖ)",
        "description": "Nationell tjänst för att ta del av journaluppgifter från andra vårdgivare.",
        "owner": _AO,
        "system_owner": "Inera",
        "hosting": Hosting.SUPPLIER_SAAS,
        "processes_personal_data": True,
        "special_categories": True,
        "osl_secrecy": True,
        "in_use_from": D(2015, 9, 1),
    },
    {
        "name": "E-tjänst ansökan om ekonomiskt bistånd",
        "description": "Stadens e-tjänst där invånare ansöker om ekonomiskt bistånd.",
        "owner": _IFO,
        "system_owner": _SLK,
        "hosting": Hosting.CITY_SHARED,
        "processes_personal_data": True,
        "special_categories": True,
        "osl_secrecy": True,
        "in_use_from": D(2019, 3, 1),
    },
    {
        "name": "Synpunktshantering",
        "description": "Stadsgemensamt system för synpunkter och klagomål.",
        "owner": _ADM,
        "system_owner": _SLK,
        "hosting": Hosting.CITY_SHARED,
        "processes_personal_data": True,
        "in_use_from": D(2017, 1, 1),
    },
    {
        "name": "Interbook Go",
        "description": "Bokning av lokaler i förvaltningens träffpunkter och medborgarkontor.",
        "owner": _ADM,
        "hosting": Hosting.SUPPLIER_SAAS,
        "processes_personal_data": True,
        "in_use_from": D(2018, 2, 1),
    },
    {
        "name": "Tunstall larmmottagning",
        "description": "Mottagning av trygghetslarm från brukare i ordinärt boende.",
        "owner": _AO,
        "system_administrator": "Larmgruppen",
        "supplier": "Tunstall Nordic",
        "hosting": Hosting.SUPPLIER_SAAS,
        "processes_personal_data": True,
        "special_categories": True,
        "critical_function": True,
        "in_use_from": D(2014, 11, 1),
    },
    {
        "name": "E-post och kalender",
        "description": "Stadsgemensam e-post och kalender.",
        "owner": _ADM,
        "system_owner": _SLK,
        "hosting": Hosting.CITY_SHARED,
        "processes_personal_data": True,
        "in_use_from": D(2010, 1, 1),
    },
    {
        "name": "Visma Personec",
        "description": "Tidrapportering för timanställda; ersatt av Heroma under 2023.",
        "owner": _ADM,
        "system_administrator": "HR-enheten",
        "supplier": "Visma",
        "hosting": Hosting.SUPPLIER_SAAS,
        "processes_personal_data": True,
        "status": AssetStatus.RETIRED,
        "in_use_from": D(2015, 5, 1),
        "retired_on": D(2023, 2, 28),
        "classifications": [_c(D(2022, 10, 11), "2212", D(2025, 10, 11), decided_by=_ADM)],
    },
    {
        "name": "Phoniro Care",
        "description": "Digitala lås och besöksregistrering i hemtjänsten.",
        "owner": _AO,
        "system_owner": _AO,
        "system_administrator": "Systemförvaltare, äldreomsorg",
        "supplier": "Phoniro",
        "hosting": Hosting.SUPPLIER_SAAS,
        "processes_personal_data": True,
        "critical_function": True,
        "in_use_from": D(2023, 3, 1),
        "classifications": [
            _c(D(2023, 2, 20), "2333", D(2026, 2, 20), decided_by=_AO, notes="Klassad inför driftstart.")
        ],
    },
    {
        "name": "Lifecare Mobil Omsorg",
        "description": "Mobil dokumentation för hemtjänstens personal. Planerad driftstart 2024.",
        "owner": _AO,
        "system_owner": _AO,
        "supplier": "Tietoevry",
        "hosting": Hosting.CITY_SHARED,
        "processes_personal_data": True,
        "special_categories": True,
        "osl_secrecy": True,
        "status": AssetStatus.PLANNED,
        "classifications": [
            _c(D(2023, 10, 5), "3333", D(2026, 10, 5), decided_by=_AO, notes="Klassad inför upphandlingen.")
        ],
    },
    # Information sets and processes: classified too, but coverage counts systems only.
    {
        "name": "Personakter inom individ- och familjeomsorgen",
        "kind": AssetKind.INFORMATION_SET,
        "owner": _IFO,
        "processes_personal_data": True,
        "special_categories": True,
        "osl_secrecy": True,
        "in_use_from": D(2010, 1, 1),
        "classifications": [_c(D(2022, 11, 30), "4323", D(2025, 11, 30), decided_by=_IFO)],
    },
    {
        "name": "Barn- och vårdnadshavaruppgifter i förskolan",
        "kind": AssetKind.INFORMATION_SET,
        "owner": _FSK,
        "processes_personal_data": True,
        "osl_secrecy": True,
        "in_use_from": D(2010, 1, 1),
    },
    {
        "name": "Hemtjänst – planering och utförande",
        "kind": AssetKind.PROCESS,
        "owner": _AO,
        "processes_personal_data": True,
        "special_categories": True,
        "critical_function": True,
        "nis2_covered": True,
        "in_use_from": D(2010, 1, 1),
        "classifications": [_c(D(2023, 6, 20), "3343", D(2026, 6, 20), decided_by=_AO)],
    },
    {
        "name": "Handläggning av ekonomiskt bistånd",
        "kind": AssetKind.PROCESS,
        "owner": _IFO,
        "processes_personal_data": True,
        "special_categories": True,
        "osl_secrecy": True,
        "in_use_from": D(2010, 1, 1),
    },
]

# ---------------------------------------------------------------------------------------------------------------------
# eav: audit reports and recommendations
# ---------------------------------------------------------------------------------------------------------------------

CITY_AUDIT_2019 = {
    "issuer": Issuer.CITY_AUDIT,
    "title": "Implementering av dataskyddsförordningen",
    "number": "Nr 5/2019",
    "diarienummer": "",
    "date": D(2019, 4, 24),
    "organisations": ["eav", "hsv"],
    "overall_verdict": "Stadsrevisionen bedömer att nämnderna i huvudsak har påbörjat implementeringen av "
    "dataskyddsförordningen men att arbetet med informationsklassning och inventering av "
    "personuppgiftsbehandlingar behöver utvecklas.",
}
_RVK_FOLLOW_UP = "årsrapporten för 2022, dnr RVK 2023/22"
CITY_AUDIT_2019_RECOMMENDATIONS = {
    "eav": [
        {
            "number": 1,
            "text": "informationsklassificera sina informationstillgångar",
            "response": "Informationssäkerhetssamordnaren har upprättat en prioritetsordning och klassningarna "
            "genomförs enligt den.",
            "owner": _ISS,
            "status": RecommendationStatus.DONE,
            "done_on": D(2022, 12, 31),
            "closed_on": D(2023, 3, 16),
            "follow_up_reference": _RVK_FOLLOW_UP,
        },
        {
            "number": 2,
            "text": "regelbundet och systematiskt inventera sina personuppgiftsbehandlingar",
            "response": "En rutin för inventering av personuppgiftsbehandlingar är fastställd och "
            "registerförteckningen ses över årligen.",
            "owner": _ADM,
            "status": RecommendationStatus.DONE,
            "done_on": D(2022, 12, 31),
            "closed_on": D(2023, 3, 16),
            "follow_up_reference": _RVK_FOLLOW_UP,
        },
    ],
    "hsv": [
        {
            "number": 1,
            "text": "informationsklassificera sina informationstillgångar",
            "owner": _ISS,
            "status": RecommendationStatus.IN_PROGRESS,
        },
        {
            "number": 2,
            "text": "regelbundet och systematiskt inventera sina personuppgiftsbehandlingar",
            "owner": _ADM,
            "status": RecommendationStatus.DONE,
            "done_on": D(2021, 11, 30),
            "closed_on": D(2023, 3, 16),
            "follow_up_reference": _RVK_FOLLOW_UP,
        },
    ],
}

EAV_DPO_REPORT = {
    "issuer": Issuer.DPO_ANNUAL_REPORT,
    "title": "Dataskyddsombudets årsrapport 2022",
    "number": "",
    "diarienummer": "EÅV 2023/312",
    "date": D(2023, 2, 28),
    "organisations": ["eav"],
    "overall_verdict": "Dataskyddsarbetet har utvecklats under året. Kvarstående brister gäller främst "
    "styrdokumenten och rutinerna för incidenthantering.",
}
EAV_DPO_AREAS = {
    DpoArea.RECORDS: "Registerförteckningen är till största del fullständig och aktuell. Det finns en rutin för "
    "inventering av personuppgiftsbehandlingar.",
    DpoArea.STEERING_DOCUMENTS: "Nämnden har styrdokument för dataskyddsarbetet, men det är otydligt vem som är "
    "dokumentägare för handboken för behandling av personuppgifter och flera dokument behöver ses över.",
    DpoArea.MEASURES: "Bristerna är inte lika omfattande som i årsrapporten 2021 och de brister som återstår är inte "
    "nämnvärda. Informationssäkerhetssamordnaren har upprättat en prioritetsordning för informationsklassningarna "
    "och påbörjat arbetet enligt dataskyddsombudets rekommendation i 2021 års årsrapport.",
    DpoArea.DPIA: "Konsekvensbedömningar genomförs vid behov. Inga nya behandlingar som kräver konsekvensbedömning "
    "har tillkommit under året.",
    DpoArea.RIGHTS: "Det finns rutiner för registerutdrag och rättelse. Begärandena under året har besvarats inom "
    "föreskriven tid.",
    DpoArea.BREACHES: "Personuppgiftsincidenter dokumenteras och anmäls, men rutinen för hantering av "
    "personuppgiftsincidenter behöver uppdateras.",
}
# Worded exactly as in the reference 4.3 (including "Ger" in no. 2).
EAV_DPO_RECOMMENDATIONS = [
    {
        "number": 1,
        "area": DpoArea.BREACHES,
        "text": "Ge informationssäkerhetssamordnaren i uppdrag att, i samråd med dataskyddsombudet, uppdatera "
        "rutinen för hantering av personuppgiftsincidenter",
        "response": "Rutinen revideras i samråd med dataskyddsombudet under 2024 enligt verksamhetsplan 2024.",
        "owner": _ISS,
        "status": RecommendationStatus.PLANNED,
        "planned_year": 2024,
    },
    {
        "number": 2,
        "area": DpoArea.STEERING_DOCUMENTS,
        "text": "Ger informationssäkerhetssamordnaren i uppdrag att, i samråd med dataskyddsombudet, tydliggöra vem "
        "som ska vara dokumentägare för handboken för behandling av personuppgifter",
        "response": "Administrativ chef är dokumentägare för handboken.",
        "owner": _ISS,
        "status": RecommendationStatus.DONE,
        "done_on": D(2023, 5, 10),
        "notes": [(D(2023, 5, 10), "Ägarskap tydliggjort: administrativ chef är dokumentägare för handboken.")],
    },
    {
        "number": 3,
        "area": DpoArea.STEERING_DOCUMENTS,
        "text": "Ge informationssäkerhetssamordnaren, i samråd med dataskyddsombudet, i uppdrag att se över "
        "resterande styrdokument och uppdatera dem vid behov",
        "response": "Styrdokumenten är översedda; rutinerna för incidenthantering revideras 2024.",
        "owner": _ISS,
        "status": RecommendationStatus.DONE,
        "done_on": D(2023, 10, 20),
        "notes": [(D(2023, 10, 20), "Resterande styrdokument översedda tillsammans med dataskyddsombudet.")],
    },
    {
        "number": 4,
        "area": DpoArea.MEASURES,
        "text": "Ge informationssäkerhetssamordnaren i uppdrag att ta fram en skriftlig rutin för vad som ska göras "
        "vid förlust av arbetstelefon eller arbetsdator",
        "response": "Rutinen tas fram under 2024 tillsammans med rutinen för informationssäkerhetsincidenter.",
        "owner": _ISS,
        "status": RecommendationStatus.PLANNED,
        "planned_year": 2024,
    },
]

# ---------------------------------------------------------------------------------------------------------------------
# eav: internal control, steering documents, factors, actions
# ---------------------------------------------------------------------------------------------------------------------

_ACCESS = "Behörighetshantering"
EAV_CONTROL_CHECKS = [
    {
        "plan_year": 2023,
        "process": _ACCESS,
        "control": "Stickprov: behörigheter i Lifecare stämmer med tjänstgöring",
        "performed_on": D(2023, 3, 20),
        "sample_size": 25,
        "deviations_found": 3,
        "deviations_remedied": 3,
        "notes": "Tre behörigheter för medarbetare som bytt enhet var kvar; borttagna.",
    },
    {
        "plan_year": 2023,
        "process": _ACCESS,
        "control": "Stickprov: behörigheter i Treserva stämmer med tjänstgöring",
        "performed_on": D(2023, 6, 12),
        "sample_size": 20,
        "deviations_found": 2,
        "deviations_remedied": 1,
        "notes": "En behörighet åtgärdas i samband med översynen av behörighetsrutinerna.",
    },
    {
        "plan_year": 2023,
        "process": "Systematiskt informationssäkerhetsarbete",
        "control": "Stickprov: ansvarsområden inom informationssäkerhet är utsedda och kända",
        "performed_on": D(2023, 8, 15),
        "sample_size": 12,
        "deviations_found": 2,
        "deviations_remedied": 2,
        "notes": "Två system saknade utsedd systemförvaltare; utsedda i samband med kontrollen.",
    },
    {
        "plan_year": 2023,
        "process": _ACCESS,
        "control": "Stickprov: avslutade anställningar har fått behörigheter borttagna",
        "performed_on": D(2023, 10, 9),
        "sample_size": 15,
        "deviations_found": 1,
        "deviations_remedied": 0,
        "notes": "Ett konto avslutat för sent; rutinen för avslut ses över.",
    },
    # Next year's plan: not yet performed.
    {
        "plan_year": 2024,
        "process": _ACCESS,
        "control": "Stickprov: behörigheter i verksamhetssystemen stämmer med tjänstgöring",
        "performed_on": None,
        "sample_size": None,
        "deviations_found": 0,
        "deviations_remedied": 0,
        "notes": "",
    },
]

EAV_STEERING_DOCUMENTS = [
    {
        "title": "Lokal anvisning för informationssäkerhet",
        "kind": DocumentKind.GUIDELINE,
        "owner": "Förvaltningschef",
        "status": DocumentStatus.ADOPTED,
        "adopted_on": D(2021, 3, 15),
        "last_reviewed_on": D(2023, 10, 20),
        "next_review_on": D(2024, 10, 31),
        "required": False,
    },
    {
        "title": "Handbok för behandling av personuppgifter",
        "kind": DocumentKind.HANDBOOK,
        "owner": _ADM,
        "status": DocumentStatus.ADOPTED,
        "adopted_on": D(2020, 6, 1),
        "last_reviewed_on": D(2023, 5, 10),
        "next_review_on": D(2024, 5, 31),
        "required": False,
    },
    {
        "title": "Rutin för hantering av personuppgiftsincidenter",
        "kind": DocumentKind.ROUTINE,
        "owner": _ADM,
        "status": DocumentStatus.UNDER_REVISION,
        "adopted_on": D(2019, 2, 1),
        "last_reviewed_on": D(2023, 10, 20),
        "next_review_on": D(2024, 6, 30),
        "required": True,
    },
    {
        "title": "Rutin för informationssäkerhetsincidenter",
        "kind": DocumentKind.ROUTINE,
        "owner": _ADM,
        "status": DocumentStatus.MISSING,
        "required": True,
    },
    {
        "title": "Rutin vid förlust av arbetstelefon eller arbetsdator",
        "kind": DocumentKind.ROUTINE,
        "owner": _ADM,
        "status": DocumentStatus.MISSING,
        "required": True,
    },
    {
        "title": "Rutin för utbildning i informationssäkerhet och dataskydd",
        "kind": DocumentKind.ROUTINE,
        "owner": _ADM,
        "status": DocumentStatus.DRAFT,
        "required": True,
    },
]

# Texts exactly as in the reference 3.1–3.3.
EAV_FACTORS = [
    {
        "position": 1,
        "title": "NIS-direktivet",
        "category": FactorCategory.LAW,
        "valid_from": D(2023, 1, 16),
        "source": "Direktiv (EU) 2022/2555 (NIS2) och (EU) 2022/2557 (CER)",
        "text": _p(
            "Den 14 december 2022 antog EU-kommissionen två nya EU-direktiv: direktivet om åtgärder för en hög "
            "gemensam cybersäkerhetsnivå i hela unionen (NIS2-direktivet) och direktivet om kritiska entiteters "
            "motståndskraft (CER-direktivet).",
            "NIS2-direktivet omfattar nya sektorer. Den 23 februari 2023 fattade regeringen beslut om att ge en "
            "särskild utredare i uppdrag att föreslå de anpassningar av svensk rätt som är nödvändiga för att NIS "
            "2-direktivet och CER-direktivet ska kunna genomföras. Uppdraget ska redovisas senast 23 februari 2024 och "
            "kommer tydliggöra innebörden av NIS-2 för kommuner. Direktiven ska börja tillämpas den 18 oktober 2024.",
        ),
    },
    {
        "position": 2,
        "title": "Tredjelandsöverföring",
        "category": FactorCategory.LAW,
        "valid_from": D(2023, 7, 10),
        "source": "Kommissionens beslut om adekvat skyddsnivå för EU-U.S. Data Privacy Framework; "
        "stadens inriktningsbeslut för molntjänster",
        "text": _p(
            "I juli 2023 fattade EU-kommissionen ett beslut om adekvat skyddsnivå för USA, förutsatt att "
            "organisationen/leverantören omfattas av EU-U.S. Data Privacy Framework. Det nya EU-beslutet ger kommuner "
            "större möjligheter att använda USA-ägda molntjänster.",
            "Stadens styrgrupp för informationssäkerhet uppmanar fortsatt till återhållsamhet kring amerikanska "
            "molntjänster och har tagit fram ett nytt inriktningsbeslut för molntjänster. Inriktningsbeslutet innebär "
            "bland annat att inga stora införanden av nya stadsgemensamma molntjänster kommer att genomföras i "
            "dagsläget som en följd av det senaste EU-beslutet.",
        ),
    },
    {
        "position": 3,
        "title": "Finansborgarrådets förslag till budget 2024",
        "category": FactorCategory.BUDGET,
        "valid_from": D(2023, 10, 1),
        "valid_to": D(2024, 12, 31),
        "source": "Finansborgarrådets förslag till budget 2024 för Stockholms stad",
        "text": _p(
            "Stockholms stads budget 2024 fastställer att informationssäkerhetsarbetet och "
            "incidenthanteringsförmågan behöver utvecklas för att stärka förmågan till god informationshantering som "
            "en förutsättning och ett led i kvalitets- och utvecklingsarbetet.",
            "Förvaltningen bedömer att det är centralt med ett ökat fokus på informationssäkerhet till följd av det "
            "rådande omvärldsläget.",
        ),
    },
]

_GOAL = "mål 3.5"
_CLASSIFY_SENSITIVE = (
    "Särskilt fokus på informationsklassning av verksamhetsprocesser som innehåller stora volymer av "
    "integritetskänsliga och känsliga personuppgifter"
)
_TRAINING = (
    "Öka antalet medarbetare som har kunskap om informationssäkerhet genom bland annat stadens obligatoriska "
    "e-utbildningar"
)
# plan year: [(title, theme, priority, extra fields)], titles and order exactly as in the reference 5.1.1–5.1.3.
# The 2023 actions are last year's plan, whose status section 1 reports.
EAV_ACTIONS = {
    2023: [
        (
            "Ta fram en lokal incidentrutin",
            Theme.INCIDENTS,
            Priority.HIGH,
            {"status": ActionStatus.STARTED, "progress_notes": "Arbetet påbörjat; fortsätter 2024."},
        ),
        (
            "Informationsklassning av förvaltningens prioriterade system",
            Theme.CLASSIFICATION,
            Priority.HIGH,
            {"status": ActionStatus.DONE, "done_on": D(2023, 11, 15)},
        ),
        (
            "Behörighetshantering och stickprovskontroller",
            Theme.ACCESS,
            Priority.MEDIUM,
            {"status": ActionStatus.DONE, "done_on": D(2023, 10, 9)},
        ),
        (
            "Kompetenshöjande insats för förvaltningsledningen",
            Theme.COMPETENCE,
            Priority.MEDIUM,
            {
                "status": ActionStatus.STARTED,
                "progress_notes": "Genomförs i december med konsulter via stadsledningskontoret.",
            },
        ),
    ],
    2024: [
        (
            "Särskilt fokus på informationsklassning av verksamhetsprocesser som omfattas av NIS-direktivet",
            Theme.CLASSIFICATION,
            Priority.HIGH,
            {},
        ),
        (_TRAINING, Theme.COMPETENCE, Priority.MEDIUM, {}),
        ("Utredning och implementeringen av NIS-2", Theme.NIS2, Priority.HIGH, {}),
        ("Översyn av incidentrutiner", Theme.INCIDENTS, Priority.HIGH, {"recommendation": 1}),
        ("Behörighetshantering", Theme.ACCESS, Priority.MEDIUM, {}),
        (
            "Tydliggöra informationssäkerhetens roll i inköpsprocessen i samarbete med upphandlare",
            Theme.PROCUREMENT,
            Priority.MEDIUM,
            {},
        ),
    ],
    2025: [
        (_CLASSIFY_SENSITIVE, Theme.CLASSIFICATION, Priority.HIGH, {}),
        (_TRAINING, Theme.COMPETENCE, Priority.MEDIUM, {}),
        ("Fortsatt arbete med NIS-2", Theme.NIS2, Priority.HIGH, {}),
        ("Revidera och se över kontinuitetsplaner", Theme.CONTINUITY, Priority.MEDIUM, {}),
        ("Behörighetshantering", Theme.ACCESS, Priority.MEDIUM, {}),
    ],
    2026: [
        (_CLASSIFY_SENSITIVE, Theme.CLASSIFICATION, Priority.HIGH, {}),
        (_TRAINING, Theme.COMPETENCE, Priority.MEDIUM, {}),
        ("Översyn av lokala rutiner", Theme.STEERING, Priority.MEDIUM, {}),
    ],
}

# ---------------------------------------------------------------------------------------------------------------------
# eav: the 2024 management review and its narratives (the reference's own texts)
# ---------------------------------------------------------------------------------------------------------------------

EAV_REVIEW = {
    "plan_year": 2024,
    "diarienummer": "EÅV 2023/1187",
    "cutoff_date": D(2023, 11, 15),
    "follow_up_start": D(2023, 1, 1),
    "follow_up_end": D(2023, 11, 15),
    "status": ReviewStatus.DRAFT,
}
_PLAN_YEAR_INTRO = "Under [[år]] kommer [[organisation]] fokusera på:"

# key: (narrative, show_figures). Every section of reviews.sections except "incidents" (the reference has no 4.4).
# 3.5 shows the risk summary after the reference's text; section 1 the indicator trends.
EAV_SECTIONS = {
    S.BACKGROUND: (
        _p(
            "Enligt Tillämpningsanvisning till stadens riktlinje för informationssäkerhet ska förvaltningschef "
            "inhämta en rapport, så kallad Ledningens genomgång från informationssäkerhetssamordnaren. Rapporten bör "
            "exempelvis redogöra för om det finns lokala rutiner för incidenthantering, för utbildning av medarbetare "
            "eller om informationsklassningar och registerförteckning är genomförda.",
            "Rapporten ska ge information och underlag till förvaltningschef att årligen bedöma om det lokala "
            "informationssäkerhetsarbetet och dataskyddsarbetet är tillräckligt och har önskad verkan.",
            "Förvaltningschef ska ta upp aktiviteter som rör informationssäkerhet och dataskydd i "
            "verksamhetsplaneringen och i det interna arbetet med att uppnå tillräcklig intern kontroll.",
            "Enligt Anvisningar för nämndernas arbete med verksamhetsplan 2024 ska samtliga nämnder och "
            "bolagsstyrelser ta fram en Ledningens genomgång med en planering för informationssäkerhetsarbetet under "
            "de kommande tre åren.",
            "Dokumentet ska biläggas verksamhetsplanen. Planeringen för de kommande tre åren ska utgå från nämndens "
            "verksamhetsuppdrag i budget och följa Riktlinje för informationssäkerhet i Stockholms stad. En "
            "riskanalys ska även genomföras för att identifiera vilka aktiviteter som ska prioriteras till år 2024.",
            "Aktiviteter ska redovisas i Ledningens genomgång och i nämndens verksamhetsplan under mål 3.5 Hög "
            "beredskap och stark rådighet ska råda i alla verksamhetsområden.",
            "Anvisningarna fastställer att området registerförteckning och informationsklassning är särskilt "
            "prioriterat i Ledningens genomgång för år 2024. Alla nämnder och bolagsstyrelser ska prioritera att ta "
            "fram en plan för att inventera och klassa information som används i verksamheten, alternativt se över "
            "och uppdatera genomförda klassningar.",
        ),
        False,
    ),
    S.PREVIOUS_ACTIONS: (
        _p(
            "Förvaltningen har påbörjat arbetet med att ta fram en incidentrutin, arbetet kommer fortsätta 2024. "
            "Informationsklassning har haft stort fokus under året och antalet informationsklassade system har "
            "[[klassning.förändring]].",
            "Förvaltningen har även arbetat med behörighetshantering och stickprovskontroller. Under december har "
            "förvaltningsledningen och informationssäkerhetssamordnare deltagit i en kompetenshöjande satsning med "
            "konsulter genom stadsledningskontoret.",
        ),
        True,
    ),
    S.ISMS: (
        _p(
            "Stockholms stads arbete med informationssäkerhet utgår från ISO 27001. Det är en global standard för "
            "informationssäkerhet som hjälper organisationer att skydda sin känsliga information från hot och risker. "
            "Standarden ger ett ramverk för hur man implementerar ett ledningssystem för informationssäkerhet, LIS, "
            "som skyddar informationstillgångarna och ger en it-process som är lättare att hantera, mäta och "
            "förbättra.",
            "Stockholms stads informationssäkerhetsarbete regleras i en tillämpningsanvisning som är en bilaga till "
            "Stockholms stads Kvalitetsprogram. Till riktlinjen finns tillämpningsanvisningar som är fastställda av "
            "stadsdirektören.",
            "Tillämpningsanvisningarna reglerar ansvar och roller sett till Stockholms stads systematiska "
            "informationssäkerhetsarbete. För Enskede-Årsta-Vantörs stadsdelsnämnd räkning har förvaltningschef "
            "fastställt en lokal anvisning som beskriver hur stadens övergripande ledningssystem för "
            "informationssäkerhet omhändertas inom förvaltningen.",
        ),
        False,
    ),
    S.FACTORS: ("", False),
    S.INTERNAL_CONTROL: (
        _p(
            "Syftet med intern kontroll är att skapa förutsättningar för en ändamålsenlig och effektiv användning av "
            "skattemedel samt för att upprätthålla service med hög kvalitet till kommuninvånarna.",
            "Genom en tillräcklig intern kontroll skapas förutsättningar att förebygga, upptäcka och åtgärda oönskade "
            "händelser och därmed minimera risker i verksamheten samt säkra tillgångar och förhindra förluster och "
            "oegentligheter som skadar stadens anseende. Arbetet med intern kontroll är en del av stadens "
            "kvalitetsarbete.",
            "Den interna kontrollen ska vara utformad för att med rimlig grad av säkerhet kunna uppnå följande:",
            "- att verksamheten är ändamålsenlig och effektiv\n"
            "- att information om verksamhet och ekonomi är tillförlitlig och rättvisande\n"
            "- att lagar, förordningar, föreskrifter och styrdokument följs.",
            "Utöver nämndens egna identifierade processer ska nämnden, enligt stadens anvisning, ha med den "
            "obligatoriska stadsövergripande processen Systematiskt informationssäkerhetsarbete i sin väsentlighets- "
            "och riskanalys och bedöma om de ska med i internkontrollplanen. För 2024 har förvaltningen bedömt att "
            "endast behörighetshantering kommer ingå i interkontrollplanen.",
        ),
        False,
    ),
    S.RSA: (
        _p(
            "Risk- och sårbarhetsanalyser är en analys av händelser som kan inträffa, identifiering av samhällsviktiga "
            "verksamheter och beroenden, analys av risker och sårbarheter samt behov av åtgärder.",
            "Stadens arbete med risk- och sårbarhetsanalys (RSA) bedrivs i en tvåårscykel. Förvaltningen följer "
            "stadens risk- och sårbarhetscykel och instruktioner. Analys och framtagande av åtgärder genomfördes under "
            "2022. Införande av valda åtgärder samt uppföljning har skett under 2023. En ny cykel inleds under 2024 "
            "där ytterligare fokus kommer läggas på informationssäkerhet i samarbete med förvaltningens "
            "säkerhetssamordnare.",
        ),
        True,  # the risk register's summary follows the reference's text
    ),
    S.FOLLOW_UP: ("", False),
    S.CONTROL_PLAN: (
        _p(
            "I Enskede-Årsta-Vantörs stadsdelsnämnds tertialrapport 2023 rapporterades att förvaltningen fortsatt "
            "arbetet med att stärka behörighetshanteringen. Vissa avvikelser hade identifierats vid "
            "stickprovskontroller. Två avvikelser identifierades även vid stickprovskontroll av ansvarsområden inom "
            "informationssäkerhet, som då var åtgärdade.",
            "Stickprovskontroller kommer fortsätta under 2024 och behörighetsrutiner kommer ses över för att "
            "säkerställa en god informationshantering.",
        ),
        True,
    ),
    S.AUDIT_RESULTS: ("", False),
    S.AUDIT_REPORT: (
        _p(
            "I revisionsrapport Nr 5/2019 lämnade stadsrevisionen rekommendation avseende Implementering av "
            "dataskyddsförordningen. Nämnden rekommenderades att informationsklassificera sina informationstillgångar "
            "samt att regelbundet och systematiskt inventera sina personuppgiftsbehandlingar.",
            "I årsrapporten för 2022, dnr RVK 2023/22, ansågs nämnden ha vidtagit åtgärder. Stadsrevisionen framförde "
            "att det i dataskyddsombudets årsrapport framkom att registerförteckningen till största del är fullständig "
            "och aktuell samt att det finns en rutin för inventering av personuppgiftsbehandlingar. Vidare anges att "
            "informationstillgångarna har klassificerats.",
        ),
        True,
    ),
    S.GDPR_REPORT: (
        _p(
            "Avseende Tekniska och organisatoriska åtgärder för personuppgiftsbehandlingar bedömde inte "
            "dataskyddsombudet att bristerna var lika omfattande i årsrapporten 2022 som 2021 samt att de brister som "
            "återstår inte är nämnvärda. Detta eftersom informationssäkerhetssamordnaren hade upprättat en "
            "prioritetsordning för informationsklassningarna och påbörjat arbetet enligt dataskyddsombudets "
            "rekommendation i 2021 års årsrapport.",
            "Dataskyddsombudet fastställde samtidigt flertalet rekommendationer till nämnden:",
            "[[figurer]]",
            "Under 2023 har informationssäkerhetssamordnaren tydliggjort ägarskap av dokument (2) och sett över "
            "resterande dokument (3).",
            "Under 2024 kommer rutin för hantering av personuppgiftsincidenter (1) samt en ny rutin för "
            "informationssäkerhetsincidenter (4) tas fram i enlighet med verksamhetsplan 2024.",
        ),
        True,
    ),
    S.IMPROVEMENT: (
        _p(
            "Förvaltningen ser möjligheter att förbättra verksamhetens systematiska informationssäkerhetsarbete efter "
            "förslag från kompetenslyftet från december 2023. Arbetet kommer ske prioriterat utifrån Deloittes "
            "handlingsplan.",
        ),
        False,
    ),
    S.PRIORITIES: ("", False),
    S.PLAN_YEAR_1: (_PLAN_YEAR_INTRO, True),
    S.PLAN_YEAR_2: (_PLAN_YEAR_INTRO, True),
    S.PLAN_YEAR_3: ("", True),
}

# ---------------------------------------------------------------------------------------------------------------------
# hsv: the second organisation, smaller, with data of its own (arithmetic in the module docstring)
# ---------------------------------------------------------------------------------------------------------------------

_HSV_AO = "Avdelningschef, äldreomsorg och socialpsykiatri"
_HSV_ADM = "Avdelningschef, administration"


def _hsv_system(name, description, owner, in_use_from, classifications=(), **flags):
    return {
        "name": name,
        "description": description,
        "owner": owner,
        "system_owner": owner,
        "hosting": Hosting.CITY_SHARED,
        "processes_personal_data": True,
        "in_use_from": in_use_from,
        "classifications": list(classifications),
        **flags,
    }


HSV_ASSETS = [
    _hsv_system(
        "Lifecare (Procapita)",
        "Dokumentation inom äldreomsorg och socialpsykiatri.",
        _HSV_AO,
        D(2012, 9, 1),
        [_c(D(2021, 5, 20), "3333", D(2024, 5, 20), decided_by=_HSV_AO)],
        special_categories=True,
        osl_secrecy=True,
    ),
    _hsv_system(
        "Treserva",
        "Individ- och familjeomsorgens verksamhetssystem.",
        "Avdelningschef, individ- och familjeomsorg",
        D(2014, 2, 1),
        [_c(D(2022, 3, 8), "4333", D(2025, 3, 8))],
        special_categories=True,
        osl_secrecy=True,
    ),
    _hsv_system(
        "Raindance",
        "Stadens ekonomisystem.",
        _HSV_ADM,
        D(2008, 1, 1),
        [_c(D(2022, 9, 14), "132-", D(2025, 9, 14), method=MSB)],
    ),
    _hsv_system(
        "Heroma", "Personal- och lönesystem.", _HSV_ADM, D(2011, 1, 1), [_c(D(2023, 2, 1), "3323", D(2026, 2, 1))]
    ),
    _hsv_system(
        "TimeCare Planering",
        "Schemaläggning.",
        _HSV_AO,
        D(2017, 3, 1),
        [_c(D(2023, 4, 25), "1231", D(2026, 4, 25))],
    ),
    _hsv_system(
        "Skolplattformen",
        "Förskolans plattform.",
        "Avdelningschef, förskola",
        D(2018, 8, 1),
        [_c(D(2023, 6, 13), "3222", D(2026, 6, 13))],
    ),
    _hsv_system(
        "Phoniro Care",
        "Digitala lås i hemtjänsten.",
        _HSV_AO,
        D(2019, 5, 1),
        [_c(D(2023, 10, 10), "2333", D(2026, 10, 10))],
    ),
    _hsv_system("Ciceron diarium", "Diarium och ärendehantering.", _HSV_ADM, D(2013, 1, 1)),
    _hsv_system("Tempus", "Förskolans schema och närvaro.", "Avdelningschef, förskola", D(2019, 1, 15)),
    _hsv_system("Multi-Access", "Passersystem.", _HSV_ADM, D(2016, 4, 1)),
    _hsv_system("Matilda", "Måltidsplanering och specialkost.", "Avdelningschef, förskola", D(2019, 8, 1)),
    _hsv_system(
        "Stratsys", "Verksamhetsplanering och uppföljning.", _HSV_ADM, D(2015, 1, 1), processes_personal_data=False
    ),
]

HSV_DPO_REPORT = {
    "issuer": Issuer.DPO_ANNUAL_REPORT,
    "title": "Dataskyddsombudets årsrapport 2022",
    "number": "",
    "diarienummer": "HSV 2023/204",
    "date": D(2023, 3, 6),
    "organisations": ["hsv"],
    "overall_verdict": "Dataskyddsarbetet fungerar i huvudsak; informationsklassningen behöver slutföras.",
}
HSV_DPO_AREAS = {
    DpoArea.RECORDS: "Registerförteckningen är fullständig men har inte setts över under året.",
    DpoArea.STEERING_DOCUMENTS: "Styrdokumenten är aktuella.",
    DpoArea.MEASURES: "Flera verksamhetssystem saknar informationsklassning.",
    DpoArea.DPIA: "Inga behandlingar har krävt konsekvensbedömning under året.",
    DpoArea.RIGHTS: "Begäranden har hanterats inom föreskriven tid.",
    DpoArea.BREACHES: "Incidenter dokumenteras enligt rutin.",
}
HSV_DPO_RECOMMENDATIONS = [
    {
        "number": 1,
        "area": DpoArea.MEASURES,
        "text": "Ge informationssäkerhetssamordnaren i uppdrag att slutföra informationsklassningen av förvaltningens "
        "verksamhetssystem",
        "owner": "Informationssäkerhetssamordnare",
        "status": RecommendationStatus.IN_PROGRESS,
        "notes": [(D(2023, 10, 10), "Sju av tolv system klassade.")],
    },
    {
        "number": 2,
        "area": DpoArea.RECORDS,
        "text": "Säkerställ att registerförteckningen ses över minst en gång per år",
        "owner": _HSV_ADM,
        "status": RecommendationStatus.DONE,
        "done_on": D(2023, 6, 1),
    },
]

HSV_FACTORS = [
    {
        "position": 1,
        "title": "Cybersäkerhetslagen (NIS2)",
        "category": FactorCategory.LAW,
        "valid_from": D(2023, 1, 16),
        "source": "Direktiv (EU) 2022/2555 (NIS2)",
        "text": _p(
            "NIS2-direktivet ska genomföras i svensk rätt genom en ny cybersäkerhetslag. Förvaltningens "
            "samhällsviktiga verksamheter inom äldreomsorgen kan komma att omfattas.",
            "Förvaltningen följer stadens samordnade arbete med att tolka lagens krav.",
        ),
    },
]

HSV_ACTIONS = {
    2024: [
        (
            "Slutföra informationsklassningen av förvaltningens verksamhetssystem",
            Theme.CLASSIFICATION,
            Priority.HIGH,
            {"recommendation": 1},
        ),
        ("Alla chefer genomför stadens e-utbildning i informationssäkerhet", Theme.COMPETENCE, Priority.MEDIUM, {}),
    ],
    2025: [("Kontinuitetsplan för hemtjänstens digitala lås", Theme.CONTINUITY, Priority.MEDIUM, {})],
}

HSV_REVIEW = {
    "plan_year": 2024,
    "diarienummer": "HSV 2023/987",
    "cutoff_date": D(2023, 11, 10),
    "follow_up_start": D(2023, 1, 1),
    "follow_up_end": D(2023, 11, 10),
    "status": ReviewStatus.DRAFT,
}
HSV_SECTIONS = {
    S.BACKGROUND: (
        "Enligt stadens tillämpningsanvisning för informationssäkerhet ska förvaltningschef årligen inhämta en "
        "rapport, Ledningens genomgång, från informationssäkerhetssamordnaren.",
        False,
    ),
    S.PREVIOUS_ACTIONS: (
        "Informationsklassningen av verksamhetssystemen har fortsatt och antalet informationsklassade system har "
        "[[klassning.förändring]].",
        True,
    ),
    S.FACTORS: ("", False),
    S.FOLLOW_UP: ("", False),
    S.GDPR_REPORT: (
        _p("Dataskyddsombudet lämnade följande rekommendationer till nämnden:", "[[figurer]]"),
        True,
    ),
    S.INCIDENTS: (
        "Incidenter registreras i förvaltningens incidentregister. Personuppgiftsincidenter bedöms tillsammans med "
        "dataskyddsombudet och anmäls till IMY när de kan medföra en risk för de registrerades fri- och rättigheter.",
        True,
    ),
    S.IMPROVEMENT: ("", False),
    S.PRIORITIES: ("", False),
    S.PLAN_YEAR_1: (_PLAN_YEAR_INTRO, True),
    S.PLAN_YEAR_2: (_PLAN_YEAR_INTRO, True),
    S.PLAN_YEAR_3: ("", True),
}

# Reviews of classifications after the 2024 review's cut-off (the levels kept, the next review three years on), so
# the start page shows a realistic coverage today. Reviews cut off before them never see them.
EAV_RECLASSIFIED = {
    "Lifecare (Procapita)": D(2025, 11, 20),
    "Treserva": D(2024, 5, 28),
    "Raindance": D(2024, 9, 10),
    "Multi-Access": D(2024, 2, 14),
    "Heroma": D(2025, 3, 27),
    "Ciceron diarium": D(2026, 3, 12),
    "Skolplattformen": D(2026, 5, 19),
    "TimeCare Planering": D(2026, 8, 25),
    "Intraphone": D(2026, 9, 29),
    "Tempus": D(2026, 10, 6),
    "Phoniro Care": D(2026, 1, 22),
    "Matilda": D(2025, 4, 8),
    "E-post och kalender": D(2025, 6, 3),
    "Nationell patientöversikt (NPÖ)": D(2026, 2, 17),
}
HSV_RECLASSIFIED = {"Lifecare (Procapita)": D(2024, 5, 15), "Treserva": D(2025, 2, 26), "Heroma": D(2026, 1, 29)}

# Everything of one organisation, for the loader.
ORGANISATION_DATA = {
    "eav": {
        "coordinator": "samordnare",
        "assets": EAV_ASSETS,
        "reclassified": EAV_RECLASSIFIED,
        "dpo_report": (EAV_DPO_REPORT, EAV_DPO_AREAS, EAV_DPO_RECOMMENDATIONS),
        "control_checks": EAV_CONTROL_CHECKS,
        "steering_documents": EAV_STEERING_DOCUMENTS,
        "factors": EAV_FACTORS,
        "actions": EAV_ACTIONS,
        "registers": EAV_REGISTERS,
        "review": (EAV_REVIEW, EAV_SECTIONS),
    },
    "hsv": {
        "coordinator": "samordnare_hsv",
        "assets": HSV_ASSETS,
        "reclassified": HSV_RECLASSIFIED,
        "dpo_report": (HSV_DPO_REPORT, HSV_DPO_AREAS, HSV_DPO_RECOMMENDATIONS),
        "control_checks": [],
        "steering_documents": [],
        "factors": HSV_FACTORS,
        "actions": HSV_ACTIONS,
        "registers": HSV_REGISTERS,
        "review": (HSV_REVIEW, HSV_SECTIONS),
    },
}

# ---------------------------------------------------------------------------------------------------------------------
# Loader
# ---------------------------------------------------------------------------------------------------------------------

_ASSET_DEFAULTS = {
    "description": "",
    "kind": AssetKind.SYSTEM,
    "owner": "",
    "system_owner": "",
    "system_administrator": "",
    "supplier": "",
    "hosting": "",
    "processes_personal_data": False,
    "special_categories": False,
    "osl_secrecy": False,
    "nis2_covered": False,
    "critical_function": False,
    "status": AssetStatus.IN_USE,
    "in_use_from": None,
    "retired_on": None,
}
_RECOMMENDATION_DEFAULTS = {
    "area": "",
    "response": "",
    "owner": "",
    "due_date": None,
    "status": RecommendationStatus.OPEN,
    "planned_year": None,
    "done_on": None,
    "not_pursued_reason": "",
    "closed_on": None,
    "follow_up_reference": "",
}
_ACTION_DEFAULTS = {
    "description": "",
    "owner": "",
    "status": ActionStatus.PLANNED,
    "progress_notes": "",
    "due_date": None,
    "done_on": None,
    "recommendation": None,
}


class _Loader:
    """Writes rows by natural key, saving only what differs, and counts what it created and changed."""

    def __init__(self):
        self.created = Counter()
        self.updated = Counter()
        self.actor = None

    def upsert(self, model, lookup: dict, values: dict, prepare=None):
        """The row matching `lookup`, created or brought up to `values`; saved (and validated) only when needed.

        `prepare(obj)` is called on a new row before it is validated and saved.
        """
        label = model._meta.label
        try:
            obj = model.objects.get(**lookup)
        except model.DoesNotExist:
            obj = model(**lookup, **values)
            if prepare is not None:
                prepare(obj)
            if hasattr(obj, "created_by_id"):
                obj.created_by = obj.updated_by = self.actor
            self._save(obj)
            self.created[label] += 1
            obj._demo_created = True
            return obj
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            if hasattr(obj, "updated_by_id"):
                obj.updated_by = self.actor
            self._save(obj)
            self.updated[label] += 1
        return obj

    def _save(self, obj):
        obj._history_user = self.actor
        obj.full_clean()
        obj.save()

    def set_organisations(self, report, organisations):
        """Address `report` to exactly `organisations` (no write when it already is)."""
        wanted = {org.pk for org in organisations}
        if set(report.organisations.values_list("pk", flat=True)) != wanted:
            report._history_user = self.actor
            report.organisations.set(organisations)
            if not getattr(report, "_demo_created", False):
                self.updated[AuditReport._meta.label] += 1


def _load_users(loader: _Loader, organisations: dict, password: str | None) -> dict:
    """The demo users and their memberships. `password` is set for all of them; without it, users created now get
    one generated password and existing users keep theirs."""
    User = get_user_model()
    existing = set(User.objects.filter(username__in=USERS).values_list("username", flat=True))
    generated = password is None and bool(set(USERS) - existing)
    if generated:
        password = secrets.token_urlsafe(12)
    users, password_set_for, kept_password = {}, [], []
    # One hash shared by the demo users: hashing costs most of a second each on a small server.
    hashed: dict[str, str] = {}
    matches: dict[str, bool] = {}

    def encoded() -> str:
        if "value" not in hashed:
            hashed["value"] = make_password(password)
        return hashed["value"]

    for username, (first_name, last_name, memberships) in USERS.items():
        user = loader.upsert(
            User,
            {"username": username},
            {
                "first_name": first_name,
                "last_name": last_name,
                "email": f"{username}@{EMAIL_DOMAIN}",
                "is_active": True,
            },
            prepare=lambda new_user: setattr(new_user, "password", encoded()),
        )
        if username in existing and (generated or password is None):
            kept_password.append(username)
        else:
            if user.password not in matches:
                matches[user.password] = check_password(password, user.password)
            if not matches[user.password]:
                user.password = encoded()
                user.save(update_fields=["password"])
            password_set_for.append(username)
        users[username] = user
        for code, role in memberships:
            loader.upsert(Membership, {"user": user, "organisation": organisations[code]}, {"role": role})
    return {
        "users": users,
        "password": password if password_set_for else None,
        "password_generated": generated,
        "password_set_for": password_set_for,
        "kept_password": kept_password,
    }


def _load_report(loader, report_data, organisations, recommendations_by_org, areas_by_org=None):
    """An audit report, its addressees, its areas (DPO reports) and each organisation's recommendations."""
    data = dict(report_data)
    addressed = [organisations[code] for code in data.pop("organisations")]
    lookup = {key: data.pop(key) for key in ("issuer", "title", "number", "diarienummer")}
    report = loader.upsert(AuditReport, lookup, data)
    loader.set_organisations(report, addressed)
    for code, areas in (areas_by_org or {}).items():
        for area, status_text in areas.items():
            loader.upsert(
                AuditReportArea,
                {"report": report, "organisation": organisations[code], "area": area},
                {"status_text": status_text},
            )
    recommendations = {}
    for code, items in recommendations_by_org.items():
        for item in items:
            values = {**_RECOMMENDATION_DEFAULTS, **item}
            number, notes = values.pop("number"), values.pop("notes", [])
            rec = loader.upsert(
                Recommendation, {"report": report, "organisation": organisations[code], "number": number}, values
            )
            for date, text in notes:
                loader.upsert(RecommendationNote, {"recommendation": rec, "date": date, "text": text}, {})
            recommendations[(code, number)] = rec
    return report, recommendations


def _load_organisation(loader: _Loader, org: Organisation, data: dict, dpo_recommendations: dict) -> dict:
    for item in data["assets"]:
        values = {**_ASSET_DEFAULTS, **item}
        name, classifications = values.pop("name"), values.pop("classifications", [])
        asset = loader.upsert(InformationAsset, {"organisation": org, "name": name}, values)
        for classification in classifications:
            values = dict(classification)
            loader.upsert(Classification, {"asset": asset, "decided_on": values.pop("decided_on")}, values)
        reviewed_on = data.get("reclassified", {}).get(name)
        if reviewed_on and classifications:
            values = {**classifications[-1], "method": KLASSA_4, "notes": "Översyn av klassningen; nivåerna står fast."}
            values["next_review_due"] = reviewed_on.replace(year=reviewed_on.year + 3)
            del values["decided_on"]
            if values["availability"] is None:  # the incomplete one was completed at its review
                values["availability"] = 2
            if values["traceability"] is None:
                values["traceability"] = 1
            loader.upsert(Classification, {"asset": asset, "decided_on": reviewed_on}, values)

    for item in data["control_checks"]:
        values = dict(item)
        lookup = {"organisation": org, "plan_year": values.pop("plan_year"), "control": values.pop("control")}
        loader.upsert(ControlCheck, lookup, values)

    for item in data["steering_documents"]:
        values = {"owner": "", "adopted_on": None, "last_reviewed_on": None, "next_review_on": None, **item}
        loader.upsert(SteeringDocument, {"organisation": org, "title": values.pop("title")}, values)

    factors = []
    for item in data["factors"]:
        values = {"valid_from": None, "valid_to": None, "source": "", **item}
        factors.append(loader.upsert(ExternalFactor, {"organisation": org, "title": values.pop("title")}, values))

    for plan_year, items in data["actions"].items():
        for position, (title, theme, priority, extra) in enumerate(items, start=1):
            values = {**_ACTION_DEFAULTS, "position": position, "theme": theme, "priority": priority}
            values["business_plan_goal"] = _GOAL
            values.update(extra)
            if values["recommendation"] is not None:
                values["recommendation"] = dpo_recommendations[(org.code, values["recommendation"])]
            loader.upsert(Action, {"organisation": org, "plan_year": plan_year, "title": title}, values)

    # Processing records, incidents, risks and indicator values (portal.demo_registers).
    load_registers(loader, org, data["registers"])

    review_data, sections = data["review"]
    values = dict(review_data)
    lookup = {"organisation": org, "plan_year": values.pop("plan_year"), "revision": 1}
    existing = ManagementReview.objects.filter(**lookup).first()
    if existing is not None and existing.status != ReviewStatus.DRAFT:
        # Submitted or approved since the demo was loaded: the workflow owns it now (an approved review never changes).
        return {"review": existing, "review_left_alone": True}
    review = loader.upsert(ManagementReview, lookup, values)
    for position, factor in enumerate(factors, start=1):
        loader.upsert(ReviewFactor, {"review": review, "factor": factor}, {"position": position})
    for spec in S.SECTIONS:
        if spec.key in sections:
            narrative, show_figures = sections[spec.key]
            loader.upsert(
                ReviewSection,
                {"review": review, "key": spec.key},
                {"included": True, "narrative": narrative, "show_figures": show_figures},
            )
    return {"review": review, "review_left_alone": False}


@transaction.atomic
def load_demo(password: str | None = None) -> dict:
    """Create or update the demo organisations, users and register data; idempotent, in one transaction.

    `password` is set for every demo user; without it, users created now get one generated password (returned) and
    existing users keep theirs. Returns the organisations, users (username -> [(org code, role)]), the password set
    this run (None when none was), whether it was generated, who got it and who kept theirs, the reviews by
    organisation code, the codes whose review was left alone (no longer a draft: the workflow owns it), whether
    eav's 2024 review was approved in this run (portal.demo_review: once, with its PDF; later runs leave it as it is),
    eav's 2025 review and whether it was started in this run, and the number of rows created and changed per model
    (the loader's own writes; the workflow's are not counted).
    """
    loader = _Loader()
    organisations = {}
    for item in ORGANISATIONS:
        values = dict(item)
        code = values.pop("code")
        organisations[code] = loader.upsert(Organisation, {"code": code}, values)

    users = _load_users(loader, organisations, password)

    loader.actor = users["users"]["samordnare"]
    _, city_recs = _load_report(loader, CITY_AUDIT_2019, organisations, CITY_AUDIT_2019_RECOMMENDATIONS)

    reviews, reviews_left_alone = {}, []
    for code, data in ORGANISATION_DATA.items():
        loader.actor = users["users"][data["coordinator"]]
        report, areas, recommendations = data["dpo_report"]
        _, dpo_recs = _load_report(loader, report, organisations, {code: recommendations}, {code: areas})
        result = _load_organisation(loader, organisations[code], data, dpo_recs)
        reviews[code] = result["review"]
        if result["review_left_alone"]:
            reviews_left_alone.append(code)

    # eav's 2024 review approved through the workflow as the reference was (2023-11-23), then its 2025 draft.
    loader.actor = users["users"]["samordnare"]
    workflow = load_review_workflow(
        organisation=organisations["eav"],
        review=reviews["eav"],
        coordinator=users["users"]["samordnare"],
        head=users["users"]["forvaltningschef"],
    )
    reviews["eav"] = workflow["approved"]

    return {
        "organisations": {code: org.name for code, org in organisations.items()},
        "users": {username: [(code, str(role)) for code, role in spec[2]] for username, spec in USERS.items()},
        "password": users["password"],
        "password_generated": users["password_generated"],
        "password_set_for": users["password_set_for"],
        "kept_password": users["kept_password"],
        "reviews": reviews,
        "reviews_left_alone": reviews_left_alone,
        "review_approved_now": workflow["approved_now"],
        "next_review": workflow["next"],
        "next_review_started_now": workflow["next_started_now"],
        "created": dict(loader.created),
        "updated": dict(loader.updated),
    }
