"""Demo data for the registers of issue 3: the register of processing (GDPR Art. 30), incidents, risks and the
entered indicator values, for eav and (smaller) hsv. Loaded by portal.demo.load_demo in its transaction, in the same
idempotent style: every row is found by its natural key and written only when a value differs.

Past dates. The register of processing is read for past days from its history (`history.as_of`), so a record that
is created now is created as it stood then: its first version is saved with `_history_date` at its creation date,
and each later change (an item filled in, a review, the switch from SCC to the Data Privacy Framework, the end of the
processing) is saved as a further version dated when it happened. Incidents, risks and measurements get their
history dated in the same way (registered, closed; assessed; entered). A row that already exists is only brought up
to its final values, dated now, so a second run writes nothing. (`created_at`/`updated_at` still show the load time:
they are auto_now fields.) An m2m change is dated one second after the version it belongs to: simple-history's
`as_of` takes the latest version per row by a strict "later than", so two versions at the same moment would both
be read.

eav, register of processing: 41 records; 32 created in the 2021 inventory, 6 in 2022, 3 in 2023; "Tidrapportering
för timanställda" ended 2023-02-28 with Visma Personec. A review (last_reviewed_on) counts when it is on or before
the day and less than 12 months before it; reviews of records imported from the 2018 Excel register keep their 2018
or 2019 dates.

  2021-12-31: 32 active; incomplete 13 (items filled in during the 2022 and 2023 reviews, plus the four below that
              are still missing)                                   complete 19/32 = 59 %; reviewed 27/32 = 84 %
              (the five imported records were last reviewed in 2018–2019)
  2022-12-31: 38 active; incomplete 7                              complete 31/38 = 82 %; reviewed 37/38 = 97 %
              (only "Dagverksamhet och träffpunkter för äldre" missed the 2022 review)
  2023-11-15: 40 active; incomplete 6: Budget- och skuldrådgivning (g), Pedagogisk dokumentation (f), Lokalbokning
              (a), Feriejobb (c), Föreningsbidrag (f, g), Medborgardialog – digitala enkäter (e: USA, no safeguard)
                                                                   complete 34/40 = 85 %
              not reviewed for over a year 7: Familjerätt, Budget- och skuldrådgivning, Mobil kommunikation
              (Intraphone), Fotografering (last reviewed 2022-11-15, exactly a year: not "within"), Passerkort,
              Lokalbokning, Föreningsbidrag                       reviewed 33/40 = 82.5 -> 83 %
  Third-country transfers: 6 records (e-mail and video meetings USA, SCC until the Data Privacy Framework of
  10 July 2023; scheduling UK, adequacy; family law Art. 49 in single cases; whistleblowing USA, SCC; surveys USA,
  safeguard not yet given).

hsv, register of processing: 12 records; 10 from the 2021 inventory, one 2022, one 2023. The DPO's report on 2022
found the register complete but not reviewed during the year; it was reviewed in May 2023.
  2021-12-31: 10 active, complete 9 (TimeCare's transfer question unanswered until 2022-09-14) = 90 %, reviewed 100 %
  2022-12-31: 11 active, complete 11 = 100 %, reviewed 2/11 = 18 %
  2023-11-10: 12 active, complete 11 (Specialkost: no retention yet) = 92 %, reviewed 12/12 = 100 %

Incidents, references by year without gaps (eav 2022-001…005, 2023-001…006, 2026-001; hsv 2022-001, 2023-001…003).
eav, follow-up period 2023-01-01..2023-11-15: 6 incidents, 4 personal-data breaches, 3 notified to IMY, 2 within
72 h (2023-003 notified after 80 h, with the reason), 1 documented without notification (Art. 33(5), reason given),
0 clocks running, 0 significant incidents. By year: 2022 5 incidents / 4 breaches; 2023 6 / 4.
hsv, 2023-01-01..2023-11-10: 3 incidents, 2 breaches, 1 notified (in time), 1 documented without notification.

The significant incident under the cybersecurity law is eav's 2026-001 (February 2026). The law (SFS 2025:1506)
applies from 2026-01-15; before that a stadsdelsnämnd had no duty to give an early warning, notification and final
report, and calling a 2023 incident "betydande enligt cybersäkerhetslagen" would put a legal category on it that did
not exist. So the one incident with those clocks happens after the law applies; it is outside the 2024 review's
period and counts in later reviews.

Risks: eav 15 of RSA cycle "2023–2024" (13 open, of which 4 with score 9 or more; one treated, one accepted);
hsv 6. Entered indicator "e_learning": eav 54, 67, 78 % and hsv 48, 61, 70 % for 2021–2023.
"""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from registry.models import (
    Action,
    AgreementStatus,
    Incident,
    IncidentStatus,
    Indicator,
    InformationAsset,
    LegalBasis,
    Measurement,
    ProcessingActivity,
    Risk,
    RiskStatus,
    Severity,
    Transfers,
    TransferSafeguard,
    Treatment,
)
from registry.services import incident_next_sequence

D = datetime.date
STOCKHOLM = ZoneInfo("Europe/Stockholm")
ONE_SECOND = datetime.timedelta(seconds=1)


def _t(year, month, day, hour=10, minute=0) -> datetime.datetime:
    """A moment in Europe/Stockholm (aware)."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=STOCKHOLM)


def _on(day: datetime.date) -> datetime.datetime:
    """The moment a change made on `day` is dated: 10:00 in Stockholm."""
    return _t(day.year, day.month, day.day)


# ---------------------------------------------------------------------------------------------------------------------
# Register of processing
# ---------------------------------------------------------------------------------------------------------------------

# Which field is left empty while an Art. 30(1) item is missing ("e" depends on whether there is a transfer).
_ITEM_FIELD = {
    "a": "controller_contact",
    "b": "purposes",
    "c": "personal_data_categories",
    "d": "recipients",
    "f": "retention",
    "g": "security_measures",
}

PUBLIC_TASK = LegalBasis.PUBLIC_TASK
LEGAL_OBLIGATION = LegalBasis.LEGAL_OBLIGATION
SIGNED = AgreementStatus.SIGNED
NO_PROCESSOR = AgreementStatus.NOT_APPLICABLE


def _pa(
    name,
    *,
    unit,
    purposes,
    subjects,
    data,
    recipients,
    retention,
    security,
    basis=PUBLIC_TASK,
    basis_details="",
    special=False,
    processors="",
    agreement=NO_PROCESSOR,
    transfer=None,
    systems=(),
    dpia=None,
    created,
    reviews=(),
    missing="",
    completed=None,
    earlier=None,
    changed=None,
    ended_on=None,
):
    """One processing record: its final values, and how it got there.

    `transfer` is None (no third-country transfer) or (countries, safeguard). `dpia` is None (not needed), "needed"
    (needed, not done) or the date it was done. `created` is the day it was entered; `reviews` the days it was
    reviewed (the latest on or before a day is `last_reviewed_on` then); the Art. 30(1) letters in `missing` were
    empty until `completed` (for good when None); the fields in `earlier` held those values until `changed`.
    """
    countries, safeguard = transfer or ("", "")
    return {
        "name": name,
        "values": {
            "controller_contact": "",  # filled in by the organisation's loader
            "purposes": purposes,
            "legal_basis": basis,
            "legal_basis_details": basis_details,
            "data_subject_categories": subjects,
            "personal_data_categories": data,
            "special_categories": special,
            "recipients": recipients,
            "processors": processors,
            "processing_agreement": agreement,
            "transfers": Transfers.YES if transfer else Transfers.NONE,
            "transfer_countries": countries,
            "transfer_safeguard": safeguard,
            "retention": retention,
            "security_measures": security,
            "responsible_unit": unit,
            "dpia_required": dpia is not None,
            "dpia_done_on": dpia if isinstance(dpia, datetime.date) else None,
            "ended_on": ended_on,
        },
        "systems": list(systems),
        "created": created,
        "reviews": sorted(reviews),
        "missing": missing,
        "completed": completed,
        "earlier": earlier or {},
        "changed": changed,
    }


def processing_versions(record: dict, controller_contact: str) -> list[tuple[datetime.date, dict]]:
    """[(day, values)]: the record as it stood from each day on, first its creation, then each day something changed
    (a review, an item filled in, an earlier value replaced, the end of the processing)."""
    final = {**record["values"], "controller_contact": controller_contact}
    days = {record["created"], *record["reviews"]}
    for key in ("completed", "changed"):
        if record[key]:
            days.add(record[key])
    if final["ended_on"]:
        days.add(final["ended_on"])
    versions = []
    for day in sorted(d for d in days if d >= record["created"]):
        values = dict(final)
        if record["completed"] is None or day < record["completed"]:
            for letter in record["missing"]:
                if letter == "e":
                    values["transfer_safeguard" if final["transfers"] == Transfers.YES else "transfers"] = ""
                else:
                    values[_ITEM_FIELD[letter]] = ""
        if record["changed"] and day < record["changed"]:
            values.update(record["earlier"])
        reviewed = [r for r in record["reviews"] if r <= day]
        values["last_reviewed_on"] = reviewed[-1] if reviewed else None
        if final["ended_on"] and day < final["ended_on"]:
            values["ended_on"] = None
        if not versions or versions[-1][1] != values:
            versions.append((day, values))
    return versions


_EAV_CONTROLLER = (
    "Enskede-Årsta-Vantörs stadsdelsnämnd (personuppgiftsansvarig), Stockholms stad; "
    "registrator.eav@example.org, växel 08-508 00 000. "
    "Dataskyddsombud: dataskyddsombud.eav@example.org."
)
_HSV_CONTROLLER = (
    "Hässelby-Vällingby stadsdelsnämnd (personuppgiftsansvarig), Stockholms stad; "
    "registrator.hsv@example.org, växel 08-508 00 000. "
    "Dataskyddsombud: dataskyddsombud.hsv@example.org."
)

# Units.
_EKB = "Enheten för ekonomiskt bistånd"
_BOU = "Enheten för barn och unga"
_VUX = "Vuxenenheten"
_FAMR = "Familjerättsenheten"
_BIST = "Beställarenheten, äldreomsorg"
_HT = "Hemtjänsten i egen regi"
_VOB = "Vård- och omsorgsboenden"
_HSL = "Hälso- och sjukvårdsenheten (MAS)"
_FSK_U = "Förskoleavdelningen"
_HR = "HR-enheten"
_EKO = "Ekonomienheten"
_KANSLI = "Kansliet"
_KOM = "Kommunikationsenheten"
_LOK = "Lokal- och serviceenheten"
_ARB = "Arbetsmarknadsenheten"
_FRI = "Kultur och fritid"

# Recurring texts.
_SOC_RETENTION = (
    "Personakter gallras fem år efter sista anteckningen; akter för personer födda den 5, 15 eller 25 i månaden "
    "bevaras för forskning (SoL 12 kap. 1–2 §§)."
)
_SEC_SOC = (
    "Rollbaserad behörighet, inloggning med SITHS-kort, loggning och månatlig logguppföljning, skyddade "
    "personuppgifter markerade, kryptering vid överföring, säkerhetskopiering i stadens driftmiljö."
)
_SEC_CITY = (
    "Behörighet efter tjänst, inloggning med stadens konto och tvåfaktorsautentisering, kryptering vid överföring, "
    "säkerhetskopiering i stadens driftmiljö."
)
_SEC_SAAS = (
    "Personuppgiftsbiträdesavtal med säkerhetsbilaga, kryptering vid överföring och lagring, tvåfaktorsinloggning, "
    "loggning och incidentrapportering från leverantören."
)
_CITY_IT = "Stadens it-driftleverantör (drift av stadsgemensamma system enligt stadens avtal)"
_SOCIAL_RECIPIENTS = (
    "Inspektionen för vård och omsorg (IVO) vid tillsyn, förvaltningsrätten vid överklagande, andra myndigheter när "
    "sekretessbrytande bestämmelse medger det."
)

# Review rounds: the 2021 inventory (creation), the yearly reviews of autumn 2022 and autumn 2023.
EAV_PROCESSING = [
    # --- Individ- och familjeomsorg
    _pa(
        "Handläggning av ekonomiskt bistånd",
        unit=_EKB,
        purposes="Utreda, besluta om och betala ut ekonomiskt bistånd enligt socialtjänstlagen samt följa upp "
        "insatser.",
        basis_details="Art. 6.1 e, socialtjänstlagen (2001:453) 4 kap. 1 §; känsliga uppgifter art. 9.2 h och "
        "2 kap. 4 § lagen (2001:454) om behandling av personuppgifter inom socialtjänsten.",
        special=True,
        subjects="Sökande och deras familjemedlemmar, medsökande, hyresvärdar och andra kontaktpersoner.",
        data="Namn, personnummer, adress, familjeförhållanden, inkomster och tillgångar, bankuppgifter, hälsa, "
        "anteckningar i utredning och beslut.",
        recipients="Försäkringskassan, Skatteverket, CSN, Arbetsförmedlingen och a-kassor (SSBTEK), "
        "Kronofogdemyndigheten, " + _SOCIAL_RECIPIENTS,
        processors="Tietoevry via stadens avtal för Treserva; " + _CITY_IT,
        agreement=SIGNED,
        retention=_SOC_RETENTION,
        security=_SEC_SOC,
        systems=["Treserva", "E-tjänst ansökan om ekonomiskt bistånd", "Handläggning av ekonomiskt bistånd"],
        dpia=D(2021, 2, 15),
        created=D(2021, 3, 8),
        reviews=[D(2021, 3, 8), D(2022, 10, 4), D(2023, 9, 12)],
    ),
    _pa(
        "E-tjänst för ansökan om ekonomiskt bistånd",
        unit=_EKB,
        purposes="Ta emot ansökningar om ekonomiskt bistånd digitalt, med inloggning med e-legitimation.",
        basis_details="Art. 6.1 e, socialtjänstlagen 4 kap. 1 §; art. 9.2 h.",
        special=True,
        subjects="Sökande och medsökande.",
        data="Namn, personnummer, kontaktuppgifter, inkomster, utgifter, bifogade underlag.",
        recipients="Handläggare på enheten för ekonomiskt bistånd; Skatteverket och Försäkringskassan (SSBTEK).",
        processors="Stadsledningskontoret (stadens e-tjänsteplattform); " + _CITY_IT,
        agreement=SIGNED,
        retention="Ansökningar förs över till Treserva och raderas ur e-tjänsten efter 30 dagar.",
        security=_SEC_CITY + " Inloggning med BankID eller Freja eID+.",
        systems=["E-tjänst ansökan om ekonomiskt bistånd"],
        created=D(2021, 3, 8),
        reviews=[D(2021, 3, 8), D(2022, 10, 4), D(2023, 9, 12)],
    ),
    _pa(
        "Utredning och insatser för barn och unga",
        unit=_BOU,
        purposes="Ta emot orosanmälningar, utreda barns behov av skydd och stöd och besluta om och följa upp insatser "
        "enligt SoL och LVU.",
        basis_details="Art. 6.1 e, socialtjänstlagen 11 kap. och LVU; art. 9.2 h och art. 10 (uppgifter om "
        "lagöverträdelser).",
        special=True,
        subjects="Barn och unga, vårdnadshavare, anmälare, familjehem och andra kontaktpersoner.",
        data="Namn, personnummer, adress, skola, hälsa, missbruk, lagöverträdelser, familjeförhållanden, "
        "anteckningar i utredning och journal.",
        recipients="Polismyndigheten, förvaltningsrätten, skolor och hälso- och sjukvården vid samverkan, "
        + _SOCIAL_RECIPIENTS,
        processors="Tietoevry via stadens avtal för Treserva; " + _CITY_IT,
        agreement=SIGNED,
        retention=_SOC_RETENTION + " Akter om barn som varit placerade utanför hemmet bevaras.",
        security=_SEC_SOC,
        systems=["Treserva", "Personakter inom individ- och familjeomsorgen"],
        dpia=D(2021, 3, 1),
        created=D(2021, 3, 15),
        reviews=[D(2021, 3, 15), D(2022, 10, 11), D(2023, 9, 19)],
    ),
    _pa(
        "Utredning och insatser för vuxna med missbruk",
        unit=_VUX,
        purposes="Utreda behov av stöd och behandling vid missbruk och beroende, besluta om insatser och ansöka om "
        "vård enligt LVM.",
        basis_details="Art. 6.1 e, socialtjänstlagen och LVM; art. 9.2 h och art. 10.",
        special=True,
        subjects="Vuxna klienter, anhöriga, anmälare.",
        data="Namn, personnummer, hälsa, missbruk, lagöverträdelser, boende, sysselsättning.",
        recipients="Behandlingshem, hälso- och sjukvården, förvaltningsrätten vid LVM, " + _SOCIAL_RECIPIENTS,
        processors="Tietoevry via stadens avtal för Treserva; " + _CITY_IT,
        agreement=SIGNED,
        retention=_SOC_RETENTION,
        security=_SEC_SOC,
        systems=["Treserva"],
        created=D(2021, 3, 15),
        reviews=[D(2021, 3, 15), D(2022, 10, 11), D(2023, 9, 19)],
        missing="f",
        completed=D(2022, 10, 11),
    ),
    _pa(
        "Stöd till våldsutsatta och arbete mot våld i nära relationer",
        unit=_VUX,
        purposes="Utreda och ge stöd och skydd till personer som utsatts för våld i nära relationer och till barn som "
        "bevittnat våld.",
        basis_details="Art. 6.1 e, socialtjänstlagen 5 kap. 11 §; art. 9.2 h och art. 10.",
        special=True,
        subjects="Våldsutsatta, barn, våldsutövare.",
        data="Namn, personnummer, skyddade personuppgifter, hälsa, uppgifter om brott, boende.",
        recipients="Skyddade boenden, Polismyndigheten, " + _SOCIAL_RECIPIENTS,
        processors="Tietoevry via stadens avtal för Treserva; " + _CITY_IT,
        agreement=SIGNED,
        retention=_SOC_RETENTION,
        security=_SEC_SOC + " Ärenden med skyddad identitet hanteras med förhöjd behörighetsnivå.",
        systems=["Treserva"],
        created=D(2021, 3, 22),
        reviews=[D(2021, 3, 22), D(2022, 10, 11), D(2023, 9, 19)],
        missing="d",
        completed=D(2022, 10, 11),
    ),
    _pa(
        "Familjerätt: faderskap, vårdnad, boende och umgänge",
        unit=_FAMR,
        purposes="Fastställa faderskap och föräldraskap, utreda vårdnad, boende och umgänge på uppdrag av domstol och "
        "upprätta avtal mellan föräldrar.",
        basis_details="Art. 6.1 e och c, föräldrabalken och socialtjänstlagen 5 kap. 3 §; art. 9.2 f och h.",
        special=True,
        subjects="Barn, föräldrar, vårdnadshavare och deras närstående.",
        data="Namn, personnummer, medborgarskap, familjeförhållanden, hälsa, uppgifter om brott, DNA-analys vid "
        "faderskap.",
        recipients="Tingsrätt, Skatteverket, Rättsmedicinalverket, utländska myndigheter i enstaka ärenden.",
        processors="Tietoevry via stadens avtal för Treserva; " + _CITY_IT,
        agreement=SIGNED,
        transfer=(
            "I enstaka ärenden myndigheter i det land där en förälder bor, t.ex. Turkiet och Irak",
            TransferSafeguard.DEROGATION,
        ),
        retention=_SOC_RETENTION + " Faderskapsakter bevaras.",
        security=_SEC_SOC,
        systems=["Treserva"],
        created=D(2021, 3, 22),
        reviews=[D(2021, 3, 22), D(2022, 10, 18)],
    ),
    _pa(
        "Budget- och skuldrådgivning",
        unit=_EKB,
        purposes="Ge råd och stöd till hushåll med ekonomiska problem och biträda vid ansökan om skuldsanering.",
        basis_details="Art. 6.1 e, skuldsaneringslagen (2016:675) 2 §.",
        subjects="Rådsökande och deras hushåll, borgenärer.",
        data="Namn, personnummer, kontaktuppgifter, inkomster, skulder, betalningsanmärkningar.",
        recipients="Kronofogdemyndigheten, borgenärer med den rådsökandes samtycke.",
        retention="Gallras tre år efter avslutad kontakt.",
        security=_SEC_CITY,
        systems=["Ciceron diarium"],
        created=D(2021, 4, 6),
        reviews=[D(2019, 11, 20), D(2022, 10, 18)],
        missing="g",
    ),
    # --- Äldreomsorg
    _pa(
        "Biståndshandläggning inom äldreomsorgen",
        unit=_BIST,
        purposes="Utreda och besluta om bistånd i form av hemtjänst, särskilt boende, dagverksamhet och andra insatser "
        "för äldre.",
        basis_details="Art. 6.1 e, socialtjänstlagen 4 kap. 1 §; art. 9.2 h.",
        special=True,
        subjects="Sökande, anhöriga, gode män och förvaltare.",
        data="Namn, personnummer, adress, hälsa, funktionsförmåga, boende, anhöriga, beslut.",
        recipients="Utförare av hemtjänst och särskilt boende (privata och i egen regi), region Stockholm vid "
        "samordnad individuell plan, " + _SOCIAL_RECIPIENTS,
        processors="Tietoevry (Lifecare) via stadens avtal; " + _CITY_IT,
        agreement=SIGNED,
        retention=_SOC_RETENTION,
        security=_SEC_SOC,
        systems=["Lifecare (Procapita)"],
        created=D(2021, 2, 15),
        reviews=[D(2021, 2, 15), D(2022, 10, 25), D(2023, 9, 26)],
    ),
    _pa(
        "Social dokumentation i hemtjänsten",
        unit=_HT,
        purposes="Planera, genomföra och dokumentera hemtjänstinsatser enligt genomförandeplan.",
        basis_details="Art. 6.1 e, socialtjänstlagen 11 kap. 5 §; art. 9.2 h.",
        special=True,
        subjects="Brukare, anhöriga, medarbetare.",
        data="Namn, personnummer, adress, portkod och nyckelhantering, hälsa, genomförandeplan, journalanteckningar.",
        recipients="Biståndshandläggare, legitimerad personal i hälso- och sjukvården, " + _SOCIAL_RECIPIENTS,
        processors="Tietoevry (Lifecare) via stadens avtal; TimeCare-leverantören; Intraphone",
        agreement=SIGNED,
        retention=_SOC_RETENTION,
        security=_SEC_SOC,
        systems=["Lifecare (Procapita)", "TimeCare Planering", "Intraphone", "Hemtjänst – planering och utförande"],
        created=D(2021, 2, 15),
        reviews=[D(2021, 2, 15), D(2022, 10, 25), D(2023, 9, 26)],
    ),
    _pa(
        "Social dokumentation på vård- och omsorgsboenden",
        unit=_VOB,
        purposes="Dokumentera genomförandet av insatser för boende på vård- och omsorgsboenden.",
        basis_details="Art. 6.1 e, socialtjänstlagen 11 kap. 5 §; art. 9.2 h.",
        special=True,
        subjects="Boende, anhöriga, medarbetare.",
        data="Namn, personnummer, hälsa, levnadsvanor, genomförandeplan, journalanteckningar.",
        recipients="Biståndshandläggare, legitimerad personal, " + _SOCIAL_RECIPIENTS,
        processors="Tietoevry (Lifecare) via stadens avtal",
        agreement=SIGNED,
        retention=_SOC_RETENTION,
        security=_SEC_SOC,
        systems=["Lifecare (Procapita)"],
        created=D(2021, 2, 15),
        reviews=[D(2021, 2, 15), D(2022, 10, 25), D(2023, 9, 26)],
        missing="f",
        completed=D(2022, 10, 25),
    ),
    _pa(
        "Hälso- och sjukvårdsdokumentation (patientjournal)",
        unit=_HSL,
        purposes="Föra patientjournal för den kommunala hälso- och sjukvården i särskilt boende och dagverksamhet.",
        basis=LEGAL_OBLIGATION,
        basis_details="Art. 6.1 c, patientdatalagen (2008:355) 3 kap.; art. 9.2 h.",
        special=True,
        subjects="Patienter, närstående.",
        data="Namn, personnummer, diagnoser, läkemedel, omvårdnadsanteckningar, vårdplaner.",
        recipients="Regionens hälso- och sjukvård via NPÖ, IVO, patientnämnden, Socialstyrelsens register.",
        processors="Tietoevry (Lifecare) via stadens avtal; Inera (NPÖ)",
        agreement=SIGNED,
        retention="Journalhandlingar bevaras minst tio år efter sista anteckningen (patientdatalagen 3 kap. 17 §).",
        security=_SEC_SOC + " Sammanhållen journalföring med spärrhantering och loggkontroll enligt HSLF-FS 2016:40.",
        systems=["Lifecare (Procapita)", "Nationell patientöversikt (NPÖ)"],
        dpia=D(2020, 11, 30),
        created=D(2021, 2, 22),
        reviews=[D(2021, 2, 22), D(2022, 10, 25), D(2023, 9, 26)],
    ),
    _pa(
        "Läkemedelshantering och dosdispensering",
        unit=_HSL,
        purposes="Beställa och följa upp dosdispenserade läkemedel för patienter i den kommunala hälso- och "
        "sjukvården.",
        basis=LEGAL_OBLIGATION,
        basis_details="Art. 6.1 c, patientdatalagen och lagen (2005:258) om dosdispensering; art. 9.2 h.",
        special=True,
        subjects="Patienter.",
        data="Namn, personnummer, läkemedelslista, ordinationer.",
        recipients="Förskrivande läkare, dosapotek, eHälsomyndigheten.",
        processors="eHälsomyndigheten (Pascal)",
        agreement=SIGNED,
        retention="Enligt patientdatalagen, minst tio år.",
        security="E-tjänstekort (SITHS) krävs, loggning hos eHälsomyndigheten, behörighet endast för legitimerad "
        "personal.",
        systems=["Pascal"],
        created=D(2021, 2, 22),
        reviews=[D(2018, 9, 10), D(2022, 10, 25), D(2023, 9, 26)],
        missing="c",
        completed=D(2022, 10, 25),
    ),
    _pa(
        "Trygghetslarm",
        unit=_BIST,
        purposes="Ta emot och åtgärda larm från brukare med trygghetslarm i ordinärt boende.",
        basis_details="Art. 6.1 e, socialtjänstlagen 4 kap. 1 §; art. 9.2 h.",
        special=True,
        subjects="Brukare med trygghetslarm, kontaktpersoner.",
        data="Namn, adress, telefon, hälsa av betydelse för larmet, nyckel- och portkodsuppgifter, larmloggar, "
        "samtalsinspelningar.",
        recipients="Hemtjänstens larmpatrull, SOS Alarm vid behov.",
        processors="Tunstall Nordic AB (larmmottagning)",
        agreement=SIGNED,
        retention="Larmloggar gallras efter två år, samtalsinspelningar efter 90 dagar.",
        security=_SEC_SAAS + " Redundant larmmottagning.",
        systems=["Tunstall larmmottagning"],
        dpia=D(2021, 1, 25),
        created=D(2021, 2, 22),
        reviews=[D(2021, 2, 22), D(2022, 11, 8), D(2023, 10, 3)],
    ),
    _pa(
        "Schemaläggning och bemanning i äldreomsorgen",
        unit=_HT,
        purposes="Planera scheman och bemanning för medarbetare i hemtjänst och på vård- och omsorgsboenden.",
        basis=LEGAL_OBLIGATION,
        basis_details="Art. 6.1 b och c: anställningsavtal, arbetstidslagen och kollektivavtal.",
        subjects="Medarbetare och timanställda.",
        data="Namn, anställningsnummer, kontaktuppgifter, kompetenser, arbetstider, frånvaroorsak (utan diagnos).",
        recipients="Lönehanteringen (Heroma), fackliga organisationer vid förhandling.",
        processors="Leverantören av TimeCare Planering (support från Storbritannien)",
        agreement=SIGNED,
        transfer=("Storbritannien", TransferSafeguard.ADEQUACY),
        retention="Scheman gallras efter tre år; underlag för lön enligt lönehanteringen.",
        security=_SEC_SAAS,
        systems=["TimeCare Planering"],
        created=D(2021, 4, 12),
        reviews=[D(2021, 4, 12), D(2022, 11, 8), D(2023, 10, 3)],
        missing="e",
        completed=D(2022, 11, 8),
    ),
    _pa(
        "Mobil kommunikation och larm för hemtjänstens personal",
        unit=_HT,
        purposes="Ge hemtjänstens personal tillgång till besöksplanering, larm och kommunikation i tjänstetelefonen.",
        basis_details="Art. 6.1 e, socialtjänstlagen; art. 9.2 h.",
        special=True,
        subjects="Brukare, medarbetare.",
        data="Brukares namn, adress, portkoder, larm; medarbetares namn och inloggningar.",
        recipients="Inga utanför förvaltningen.",
        processors="Intraphone (leverantör av tjänsten)",
        agreement=SIGNED,
        retention="Besöks- och larmloggar gallras efter ett år.",
        security=_SEC_SAAS + " Telefonerna hanteras i stadens MDM med fjärradering.",
        systems=["Intraphone"],
        created=D(2021, 4, 12),
        reviews=[D(2021, 4, 12), D(2022, 11, 8)],
        missing="g",
        completed=D(2022, 11, 8),
    ),
    _pa(
        "Avvikelsehantering och lex Sarah",
        unit=_HSL,
        purposes="Rapportera, utreda och åtgärda avvikelser och missförhållanden i vård och omsorg.",
        basis_details="Art. 6.1 e och c, socialtjänstlagen 14 kap. och patientsäkerhetslagen; art. 9.2 h.",
        special=True,
        subjects="Brukare och patienter, medarbetare, anmälare.",
        data="Namn, personnummer, händelsebeskrivning, hälsa.",
        recipients="IVO vid anmälan enligt lex Sarah och lex Maria.",
        retention="Rapporter och utredningar bevaras (SoL 12 kap.).",
        security=_SEC_CITY,
        systems=["Lifecare (Procapita)", "Ciceron diarium"],
        created=D(2021, 4, 19),
        reviews=[D(2021, 4, 19), D(2022, 11, 8), D(2023, 10, 3)],
    ),
    _pa(
        "Dagverksamhet och träffpunkter för äldre",
        unit=_BIST,
        purposes="Administrera deltagande i dagverksamhet och aktiviteter på förvaltningens träffpunkter.",
        basis_details="Art. 6.1 e, socialtjänstlagen 5 kap. 4 §.",
        subjects="Deltagare, anhöriga.",
        data="Namn, kontaktuppgifter, närvaro, specialkost.",
        recipients="Färdtjänst vid resor, kostleverantör.",
        retention="Närvarolistor gallras vid årets slut.",
        security=_SEC_CITY,
        systems=["Interbook Go"],
        created=D(2021, 4, 19),
        reviews=[D(2019, 5, 6), D(2023, 10, 3)],
        missing="df",
        completed=D(2023, 10, 3),
    ),
    # --- Förskola
    _pa(
        "Förskoleplacering och barnomsorgsavgift",
        unit=_FSK_U,
        purposes="Placera barn i förskola, hantera kö, uppsägning och debitering av avgift.",
        basis_details="Art. 6.1 e och c, skollagen (2010:800) 8 kap.",
        subjects="Barn, vårdnadshavare och deras hushåll.",
        data="Namn, personnummer, adress, kontaktuppgifter, hushållets inkomst, placeringsuppgifter.",
        recipients="Utbildningsförvaltningen, Skatteverket (folkbokföringskontroll), Kronofogdemyndigheten vid "
        "obetalda avgifter.",
        processors="Utbildningsförvaltningen (Skolplattformen); " + _CITY_IT,
        agreement=SIGNED,
        retention="Placeringsuppgifter gallras två år efter att placeringen upphört; avgiftsbeslut enligt "
        "dokumenthanteringsplanen.",
        security=_SEC_CITY,
        systems=["Skolplattformen", "Barn- och vårdnadshavaruppgifter i förskolan"],
        created=D(2021, 5, 3),
        reviews=[D(2021, 5, 3), D(2022, 11, 15), D(2023, 10, 10)],
    ),
    _pa(
        "Närvaro och schema i förskolan",
        unit=_FSK_U,
        purposes="Registrera barns vistelsetider och närvaro och planera personal efter dem.",
        basis_details="Art. 6.1 e, skollagen 8 kap.",
        subjects="Barn, vårdnadshavare, medarbetare.",
        data="Namn, personnummer, vistelsetider, närvaro, hämtande personer.",
        recipients="Inga utanför förvaltningen.",
        processors="Tempus Information Systems AB",
        agreement=SIGNED,
        retention="Gallras tre år efter att placeringen upphört.",
        security=_SEC_SAAS,
        systems=["Tempus"],
        created=D(2021, 5, 3),
        reviews=[D(2021, 5, 3), D(2022, 11, 15), D(2023, 10, 10)],
        missing="g",
        completed=D(2022, 11, 15),
    ),
    _pa(
        "Barn i behov av särskilt stöd i förskolan",
        unit=_FSK_U,
        purposes="Planera och följa upp särskilt stöd till barn i förskolan, i samverkan med vårdnadshavare.",
        basis_details="Art. 6.1 e, skollagen 8 kap. 9 §; art. 9.2 g och h.",
        special=True,
        subjects="Barn, vårdnadshavare.",
        data="Namn, personnummer, hälsa, diagnoser, handlingsplaner.",
        recipients="Barnhälsovården och habiliteringen med vårdnadshavares samtycke.",
        retention="Handlingsplaner gallras när barnet lämnat förskolan, efter överlämning till skolan.",
        security=_SEC_CITY + " Handlingar förvaras i låsta skåp.",
        systems=["Skolplattformen"],
        created=D(2021, 5, 10),
        reviews=[D(2021, 5, 10), D(2022, 11, 15), D(2023, 10, 10)],
    ),
    _pa(
        "Pedagogisk dokumentation i förskolan",
        unit=_FSK_U,
        purposes="Dokumentera barns lärande och utveckling och kommunicera den med vårdnadshavare.",
        basis_details="Art. 6.1 e, skollagen och läroplanen för förskolan.",
        subjects="Barn, vårdnadshavare.",
        data="Namn, foton, filmer, texter om barns lärande.",
        recipients="Vårdnadshavare (eget barn).",
        processors="Utbildningsförvaltningen (Skolplattformen)",
        agreement=SIGNED,
        retention="",
        security=_SEC_CITY,
        systems=["Skolplattformen"],
        created=D(2021, 5, 10),
        reviews=[D(2021, 5, 10), D(2022, 11, 15), D(2023, 10, 10)],
        missing="f",  # the city's retention decision for pedagogical documentation is still under review
    ),
    _pa(
        "Fotografering och publicering av bilder på barn",
        unit=_KOM,
        purposes="Fotografera barn i förskolan för publicering på stadens webbplats och i trycksaker.",
        basis=LegalBasis.CONSENT,
        basis_details="Art. 6.1 a: vårdnadshavares samtycke, som kan återkallas.",
        subjects="Barn, vårdnadshavare.",
        data="Namn, bild, samtycke.",
        recipients="Allmänheten (publicering).",
        retention="Bilder raderas när samtycket återkallas eller efter tre år.",
        security="Bilder lagras i förvaltningens bildbank med behörighetsstyrning; inga namn publiceras.",
        created=D(2021, 5, 17),
        reviews=[D(2021, 5, 17), D(2022, 11, 15)],
    ),
    # --- Administration, HR, ekonomi
    _pa(
        "Personalakter och anställningsadministration",
        unit=_HR,
        purposes="Administrera anställningar: avtal, befattningar, kompetens, disciplinärenden och avslut.",
        basis=LEGAL_OBLIGATION,
        basis_details="Art. 6.1 b och c, anställningsavtal, LAS och kollektivavtal; art. 9.2 b.",
        special=True,
        subjects="Anställda, tidigare anställda.",
        data="Namn, personnummer, kontaktuppgifter, anställningsvillkor, lön, betyg och intyg, fackmedlemskap, "
        "uppgifter om hälsa i enstaka ärenden.",
        recipients="Serviceförvaltningen (stadens lönecenter), pensionsadministratör, fackliga organisationer.",
        processors="CGI (Heroma) via stadens avtal",
        agreement=SIGNED,
        retention="Uppgifter av betydelse för pension bevaras; övrigt gallras två år efter anställningens slut "
        "enligt stadens dokumenthanteringsplan.",
        security=_SEC_CITY + " Personalakter i papper förvaras i låst arkiv.",
        systems=["Heroma"],
        created=D(2021, 2, 1),
        reviews=[D(2021, 2, 1), D(2022, 10, 3), D(2023, 9, 5)],
    ),
    _pa(
        "Lönehantering",
        unit=_HR,
        purposes="Beräkna och betala ut lön, göra skatteavdrag och rapportera till myndigheter och försäkringsbolag.",
        basis=LEGAL_OBLIGATION,
        basis_details="Art. 6.1 b och c, skatteförfarandelagen och bokföringslagen.",
        subjects="Anställda, uppdragstagare.",
        data="Namn, personnummer, bankkonto, lön, skatt, frånvaro, utmätning.",
        recipients="Skatteverket, Försäkringskassan, Kronofogdemyndigheten, pensions- och försäkringsbolag, banker.",
        processors="CGI (Heroma) via stadens avtal; Serviceförvaltningen",
        agreement=SIGNED,
        retention="Räkenskapsinformation bevaras sju år (bokföringslagen 7 kap. 2 §); pensionsgrundande uppgifter "
        "bevaras.",
        security=_SEC_CITY,
        systems=["Heroma"],
        created=D(2021, 2, 1),
        reviews=[D(2021, 2, 1), D(2022, 10, 3), D(2023, 9, 5)],
    ),
    _pa(
        "Rehabilitering och sjukfrånvaro",
        unit=_HR,
        purposes="Följa upp sjukfrånvaro och genomföra arbetsanpassning och rehabilitering.",
        basis=LEGAL_OBLIGATION,
        basis_details="Art. 6.1 c, arbetsmiljölagen och socialförsäkringsbalken 30 kap.; art. 9.2 b och h.",
        special=True,
        subjects="Anställda.",
        data="Namn, personnummer, sjukfrånvaro, läkarintyg, rehabiliteringsplaner.",
        recipients="Försäkringskassan, företagshälsovården.",
        processors="Företagshälsovården (upphandlad av staden)",
        agreement=SIGNED,
        retention="Gallras två år efter avslutad rehabilitering.",
        security=_SEC_CITY + " Endast närmaste chef och HR har åtkomst.",
        systems=["Heroma"],
        created=D(2021, 2, 1),
        reviews=[D(2021, 2, 1), D(2022, 10, 3), D(2023, 9, 5)],
        missing="d",
        completed=D(2022, 10, 3),
    ),
    _pa(
        "Tidrapportering för timanställda",
        unit=_HR,
        purposes="Registrera arbetad tid för timanställda som underlag för lön.",
        basis=LEGAL_OBLIGATION,
        basis_details="Art. 6.1 b och c, anställningsavtal och arbetstidslagen.",
        subjects="Timanställda.",
        data="Namn, anställningsnummer, arbetad tid, arbetsplats.",
        recipients="Lönehanteringen.",
        processors="Visma",
        agreement=SIGNED,
        retention="Gallras efter två år; underlag för lön enligt lönehanteringen.",
        security=_SEC_SAAS,
        systems=["Visma Personec"],
        created=D(2021, 2, 1),
        reviews=[D(2021, 2, 1), D(2022, 10, 3)],
        ended_on=D(2023, 2, 28),  # Visma Personec retired; time reporting moved to Heroma
    ),
    _pa(
        "Diarieföring och ärendehantering",
        unit=_KANSLI,
        purposes="Registrera allmänna handlingar och ärenden, handlägga nämndärenden och lämna ut handlingar.",
        basis=LEGAL_OBLIGATION,
        basis_details="Art. 6.1 c, offentlighets- och sekretesslagen 5 kap., arkivlagen (1990:782).",
        subjects="Avsändare och mottagare av handlingar, personer som omnämns i ärenden.",
        data="Namn, kontaktuppgifter, ärendemening, handlingar.",
        recipients="Allmänheten vid begäran om allmän handling efter sekretessprövning, Stadsarkivet.",
        processors=_CITY_IT,
        agreement=SIGNED,
        retention="Diariet bevaras; handlingar enligt dokumenthanteringsplanen.",
        security=_SEC_CITY,
        systems=["Ciceron diarium"],
        created=D(2021, 2, 8),
        reviews=[D(2021, 2, 8), D(2022, 10, 3), D(2023, 9, 5)],
    ),
    _pa(
        "Synpunkter och klagomål",
        unit=_KANSLI,
        purposes="Ta emot, besvara och följa upp synpunkter och klagomål på förvaltningens verksamheter.",
        basis_details="Art. 6.1 e, förvaltningslagen (2017:900) 6 §.",
        subjects="Personer som lämnar synpunkter, personer som omnämns.",
        data="Namn, kontaktuppgifter, synpunktens innehåll.",
        recipients="Berörd verksamhet, IVO vid klagomål som rör missförhållanden.",
        processors="Stadsledningskontoret (stadsgemensamt system)",
        agreement=SIGNED,
        retention="Gallras två år efter att ärendet avslutats.",
        security=_SEC_CITY,
        systems=["Synpunktshantering"],
        created=D(2021, 2, 8),
        reviews=[D(2018, 6, 12), D(2022, 10, 3), D(2023, 9, 5)],
        missing="g",
        completed=D(2023, 9, 5),
    ),
    _pa(
        "E-post och kalender",
        unit=_KANSLI,
        purposes="Kommunicera med invånare, andra myndigheter och medarbetare och boka möten.",
        basis_details="Art. 6.1 e, förvaltningslagen 6 §; känsliga uppgifter ska inte skickas med okrypterad e-post.",
        subjects="Medarbetare, invånare och andra som kontaktar förvaltningen.",
        data="Namn, e-postadress, meddelandens innehåll, kalenderuppgifter.",
        recipients="Mottagare av meddelanden; leverantörens supportfunktion.",
        processors=_CITY_IT + "; underbiträde för support i USA",
        agreement=SIGNED,
        transfer=("USA", TransferSafeguard.DPF),
        retention="Meddelanden av tillfällig betydelse gallras löpande; allmänna handlingar diarieförs. Brevlådor "
        "raderas 90 dagar efter anställningens slut.",
        security=_SEC_CITY + " Säker e-post (kryptering) för sekretessuppgifter.",
        systems=["E-post och kalender"],
        created=D(2021, 2, 8),
        reviews=[D(2021, 2, 8), D(2022, 10, 3), D(2023, 9, 5)],
        earlier={"transfer_safeguard": TransferSafeguard.SCC},
        changed=D(2023, 9, 5),  # the underprocessor was certified under the EU-U.S. Data Privacy Framework
    ),
    _pa(
        "Leverantörsfakturor och utbetalningar",
        unit=_EKO,
        purposes="Hantera leverantörsfakturor, attest, utbetalningar och redovisning.",
        basis=LEGAL_OBLIGATION,
        basis_details="Art. 6.1 c, lagen (2018:597) om kommunal bokföring och redovisning.",
        subjects="Leverantörer som är enskilda firmor, kontaktpersoner, attestanter.",
        data="Namn, organisations- eller personnummer, bankkonto, fakturauppgifter.",
        recipients="Banker, Skatteverket, revisionen.",
        processors="CGI (Raindance) via stadens avtal",
        agreement=SIGNED,
        retention="Räkenskapsinformation bevaras sju år efter utgången av det kalenderår då räkenskapsåret avslutades.",
        security=_SEC_CITY + " Attestordning med två personer.",
        systems=["Raindance"],
        created=D(2021, 2, 8),
        reviews=[D(2018, 6, 12), D(2022, 10, 3), D(2023, 9, 5)],
        missing="e",
        completed=D(2022, 10, 3),
    ),
    _pa(
        "Passerkort och passerloggar",
        unit=_LOK,
        purposes="Ge behöriga medarbetare tillträde till förvaltningens lokaler och utreda incidenter.",
        basis_details="Art. 6.1 e, arbetsmiljölagen och förvaltningens säkerhetsarbete.",
        subjects="Medarbetare, konsulter.",
        data="Namn, kortnummer, foto, behörigheter, passerhändelser.",
        recipients="Polismyndigheten vid utredning av brott.",
        retention="Passerloggar raderas efter 90 dagar.",
        security="Administration endast av lokalenheten, loggning av administratörsåtgärder.",
        systems=["Multi-Access"],
        created=D(2021, 6, 7),
        reviews=[D(2021, 6, 7), D(2022, 10, 3)],
    ),
    _pa(
        "Kamerabevakning i förvaltningens lokaler",
        unit=_LOK,
        purposes="Förebygga och utreda brott mot personal och egendom i medborgarkontor och entréer.",
        basis_details="Art. 6.1 e, kamerabevakningslagen (2018:1200); tillstånd krävs inte för förvaltningens "
        "egna lokaler som inte är allmän plats; art. 10 vid brottsutredning.",
        subjects="Besökare, medarbetare.",
        data="Bild (ingen ljudupptagning), tidpunkt.",
        recipients="Polismyndigheten vid misstanke om brott.",
        processors="Säkerhetsbolag (drift av kamerasystemet)",
        agreement=SIGNED,
        retention="Inspelat material raderas automatiskt efter 72 timmar om det inte behövs för utredning.",
        security="Inspelningsutrustning i låst utrymme, åtkomst för två utsedda personer, loggad uttagning.",
        dpia=D(2021, 5, 20),
        created=D(2021, 6, 7),
        reviews=[D(2021, 6, 7), D(2022, 10, 3), D(2023, 9, 5)],
    ),
    # --- Created 2022
    _pa(
        "Rekrytering",
        unit=_HR,
        purposes="Annonsera tjänster, ta emot ansökningar och välja ut kandidater.",
        basis_details="Art. 6.1 e och b, åtgärder före avtal och kommunens uppgift som arbetsgivare.",
        subjects="Sökande, referenser.",
        data="Namn, kontaktuppgifter, CV, personligt brev, intervjuanteckningar, referenser.",
        recipients="Rekryterande chef, fackliga organisationer vid MBL-förhandling.",
        processors="Leverantören av stadens rekryteringssystem",
        agreement=SIGNED,
        retention="Ansökningar från personer som inte anställs gallras två år efter att tjänsten tillsatts.",
        security=_SEC_SAAS,
        created=D(2022, 2, 14),
        reviews=[D(2022, 2, 14), D(2023, 9, 5)],
    ),
    _pa(
        "Lokalbokning i träffpunkter och medborgarkontor",
        unit=_LOK,
        purposes="Låta föreningar och invånare boka förvaltningens lokaler.",
        basis_details="Art. 6.1 e och b.",
        subjects="Bokare, föreningars kontaktpersoner.",
        data="Namn, kontaktuppgifter, förening, bokningar, fakturauppgifter.",
        recipients="Ekonomienheten (fakturering).",
        processors="Leverantören av Interbook Go",
        agreement=SIGNED,
        retention="Bokningar gallras efter två år; fakturor enligt bokföringslagen.",
        security=_SEC_SAAS,
        systems=["Interbook Go"],
        created=D(2022, 3, 7),
        reviews=[D(2022, 3, 7)],
        missing="a",
    ),
    _pa(
        "Feriejobb för ungdomar",
        unit=_ARB,
        purposes="Erbjuda sommarjobb till ungdomar i stadsdelsområdet och administrera placering och lön.",
        basis_details="Art. 6.1 e och b.",
        subjects="Ungdomar 16–19 år, vårdnadshavare, handledare.",
        data="",
        recipients="Arbetsplatser, lönehanteringen.",
        processors="Stadsledningskontoret (stadens feriejobbsportal)",
        agreement=SIGNED,
        retention="Ansökningar gallras efter ett år.",
        security=_SEC_CITY,
        systems=["Heroma"],
        created=D(2022, 3, 21),
        reviews=[D(2022, 3, 21), D(2023, 10, 10)],
        missing="c",
    ),
    _pa(
        "Digitala möten (videomöten)",
        unit=_KANSLI,
        purposes="Hålla möten och samtal på distans med invånare, samarbetspartner och medarbetare.",
        basis_details="Art. 6.1 e; samtal med sekretessuppgifter hålls inte i tjänsten.",
        subjects="Mötesdeltagare.",
        data="Namn, e-postadress, bild och ljud under mötet (ingen inspelning), tekniska loggar.",
        recipients="Leverantörens supportfunktion.",
        processors="Leverantören av videomötestjänsten (amerikanskt moderbolag)",
        agreement=SIGNED,
        transfer=("USA", TransferSafeguard.DPF),
        retention="Inga inspelningar; loggar raderas efter 90 dagar.",
        security=_SEC_SAAS + " Väntrum och mötes-pin för externa deltagare.",
        dpia="needed",
        created=D(2022, 4, 4),
        reviews=[D(2022, 4, 4), D(2023, 9, 5)],
        earlier={"transfer_safeguard": TransferSafeguard.SCC},
        changed=D(2023, 9, 5),
    ),
    _pa(
        "Visselblåsarfunktion",
        unit=_HR,
        purposes="Ta emot och följa upp rapporter om missförhållanden enligt visselblåsarlagen.",
        basis=LEGAL_OBLIGATION,
        basis_details="Art. 6.1 c, lagen (2021:890) om skydd för personer som rapporterar om missförhållanden; "
        "art. 10.",
        subjects="Rapporterande personer, personer som omnämns.",
        data="Namn (om inte anonym), kontaktuppgifter, uppgifter om misstänkta missförhållanden och lagöverträdelser.",
        recipients="Behöriga utredare; Polismyndigheten vid misstanke om brott.",
        processors="Leverantören av stadens visselblåsartjänst (data i EU, support från USA)",
        agreement=SIGNED,
        transfer=("USA", TransferSafeguard.SCC),
        retention="Uppgifterna raderas senast två år efter att ärendet avslutats (lagen 2021:890, 5 kap. 5 §).",
        security=_SEC_SAAS + " Anonym rapportering möjlig; endast utsedda utredare har åtkomst.",
        created=D(2022, 6, 20),
        reviews=[D(2022, 6, 20), D(2023, 9, 5)],
    ),
    _pa(
        "Föreningsbidrag och stöd till civilsamhället",
        unit=_FRI,
        purposes="Handlägga ansökningar om föreningsbidrag och följa upp användningen.",
        basis_details="Art. 6.1 e, kommunallagen 2 kap. 2 §.",
        subjects="Föreningars företrädare och kontaktpersoner.",
        data="Namn, kontaktuppgifter, roll i föreningen, bankkonto.",
        recipients="Ekonomienheten, allmänheten vid begäran om allmän handling.",
        systems=["Ciceron diarium", "Raindance"],
        retention="",
        security="",
        created=D(2022, 9, 12),
        reviews=[D(2022, 9, 12)],
        missing="fg",
    ),
    # --- Created 2023
    _pa(
        "Digitala lås och besöksregistrering i hemtjänsten",
        unit=_HT,
        purposes="Ge hemtjänstens personal tillträde till brukares bostad med digitala lås och registrera besök.",
        basis_details="Art. 6.1 e, socialtjänstlagen; art. 9.2 h.",
        special=True,
        subjects="Brukare, medarbetare.",
        data="Brukares namn och adress, låsinformation, besökstider, medarbetares identitet.",
        recipients="Biståndshandläggare vid uppföljning av utförd tid.",
        processors="Phoniro Systems AB",
        agreement=SIGNED,
        retention="Besöksloggar gallras efter ett år, låshändelser efter 90 dagar.",
        security=_SEC_SAAS + " Nycklar i telefonen är personliga och spärras när anställningen upphör.",
        systems=["Phoniro Care", "Hemtjänst – planering och utförande"],
        dpia=D(2023, 1, 30),
        created=D(2023, 2, 20),
        reviews=[D(2023, 2, 20)],
    ),
    _pa(
        "Kostbeställning och specialkost",
        unit=_FSK_U,
        purposes="Beställa måltider och specialkost i förskolan och på vård- och omsorgsboenden.",
        basis_details="Art. 6.1 e; art. 9.2 h för allergier och medicinska koster.",
        special=True,
        subjects="Barn, boende, vårdnadshavare.",
        data="Namn, avdelning, allergier och specialkost.",
        recipients="Kostleverantör, tillagningskök.",
        processors="Matilda Foodtech AB",
        agreement=SIGNED,
        retention="Uppgifter om specialkost raderas när placeringen upphör.",
        security=_SEC_SAAS,
        systems=["Matilda"],
        created=D(2023, 3, 13),
        reviews=[D(2023, 3, 13), D(2023, 10, 10)],
    ),
    _pa(
        "Medborgardialog – digitala enkäter",
        unit=_KOM,
        purposes="Samla in invånares synpunkter i medborgardialoger om stadsdelens utveckling.",
        basis_details="Art. 6.1 e; frivilligt deltagande.",
        subjects="Invånare som svarar på enkäter.",
        data="E-postadress (frivillig), ålder, bostadsområde, svar i fritext.",
        recipients="Kommunikationsenheten; resultat redovisas utan personuppgifter.",
        processors="Leverantör av enkätverktyg (amerikanskt moderbolag)",
        agreement=SIGNED,
        transfer=("USA", ""),
        retention="Svar raderas sex månader efter att dialogen avslutats.",
        security=_SEC_SAAS,
        created=D(2023, 4, 17),
        reviews=[D(2023, 4, 17)],
        missing="e",  # the supplier's DPF certification was not yet checked: the safeguard is blank
    ),
]

HSV_PROCESSING = [
    _pa(
        "Biståndshandläggning inom äldreomsorgen",
        unit="Beställarenheten",
        purposes="Utreda och besluta om bistånd för äldre.",
        basis_details="Art. 6.1 e, socialtjänstlagen; art. 9.2 h.",
        special=True,
        subjects="Sökande, anhöriga.",
        data="Namn, personnummer, hälsa, boende, beslut.",
        recipients="Utförare, " + _SOCIAL_RECIPIENTS,
        processors="Tietoevry (Lifecare) via stadens avtal",
        agreement=SIGNED,
        retention=_SOC_RETENTION,
        security=_SEC_SOC,
        systems=["Lifecare (Procapita)"],
        created=D(2021, 4, 12),
        reviews=[D(2021, 4, 12), D(2023, 5, 15)],
    ),
    _pa(
        "Social dokumentation i hemtjänst och särskilt boende",
        unit="Hemtjänst och boenden",
        purposes="Dokumentera genomförandet av insatser.",
        basis_details="Art. 6.1 e, socialtjänstlagen 11 kap. 5 §; art. 9.2 h.",
        special=True,
        subjects="Brukare, medarbetare.",
        data="Namn, personnummer, hälsa, genomförandeplan, journalanteckningar.",
        recipients=_SOCIAL_RECIPIENTS,
        processors="Tietoevry (Lifecare) via stadens avtal; Phoniro Systems AB",
        agreement=SIGNED,
        retention=_SOC_RETENTION,
        security=_SEC_SOC,
        systems=["Lifecare (Procapita)", "Phoniro Care"],
        created=D(2021, 4, 12),
        reviews=[D(2021, 4, 12), D(2023, 5, 15)],
    ),
    _pa(
        "Hälso- och sjukvårdsdokumentation (patientjournal)",
        unit="Hälso- och sjukvårdsenheten (MAS)",
        purposes="Föra patientjournal i den kommunala hälso- och sjukvården.",
        basis=LEGAL_OBLIGATION,
        basis_details="Art. 6.1 c, patientdatalagen; art. 9.2 h.",
        special=True,
        subjects="Patienter.",
        data="Namn, personnummer, diagnoser, läkemedel, omvårdnadsanteckningar.",
        recipients="Regionens hälso- och sjukvård, IVO.",
        processors="Tietoevry (Lifecare) via stadens avtal",
        agreement=SIGNED,
        retention="Minst tio år efter sista anteckningen (patientdatalagen 3 kap. 17 §).",
        security=_SEC_SOC,
        systems=["Lifecare (Procapita)"],
        created=D(2021, 4, 12),
        reviews=[D(2021, 4, 12), D(2023, 5, 15)],
    ),
    _pa(
        "Utredning och insatser för barn och unga",
        unit="Enheten för barn och unga",
        purposes="Utreda barns behov av skydd och stöd och följa upp insatser.",
        basis_details="Art. 6.1 e, socialtjänstlagen och LVU; art. 9.2 h och art. 10.",
        special=True,
        subjects="Barn, vårdnadshavare, anmälare.",
        data="Namn, personnummer, hälsa, lagöverträdelser, familjeförhållanden.",
        recipients="Polismyndigheten, förvaltningsrätten, " + _SOCIAL_RECIPIENTS,
        processors="Tietoevry via stadens avtal för Treserva",
        agreement=SIGNED,
        retention=_SOC_RETENTION,
        security=_SEC_SOC,
        systems=["Treserva"],
        dpia=D(2021, 3, 29),
        created=D(2021, 4, 19),
        reviews=[D(2021, 4, 19), D(2023, 5, 15)],
    ),
    _pa(
        "Handläggning av ekonomiskt bistånd",
        unit="Enheten för ekonomiskt bistånd",
        purposes="Utreda, besluta om och betala ut ekonomiskt bistånd.",
        basis_details="Art. 6.1 e, socialtjänstlagen 4 kap. 1 §; art. 9.2 h.",
        special=True,
        subjects="Sökande och deras familjemedlemmar.",
        data="Namn, personnummer, inkomster, tillgångar, hälsa, beslut.",
        recipients="Försäkringskassan, Skatteverket, CSN, Arbetsförmedlingen (SSBTEK).",
        processors="Tietoevry via stadens avtal för Treserva",
        agreement=SIGNED,
        retention=_SOC_RETENTION,
        security=_SEC_SOC,
        systems=["Treserva"],
        created=D(2021, 4, 19),
        reviews=[D(2021, 4, 19), D(2023, 5, 15)],
    ),
    _pa(
        "Förskoleplacering och barnomsorgsavgift",
        unit="Förskoleavdelningen",
        purposes="Placera barn i förskola och debitera avgift.",
        basis_details="Art. 6.1 e och c, skollagen 8 kap.",
        subjects="Barn, vårdnadshavare.",
        data="Namn, personnummer, adress, hushållets inkomst.",
        recipients="Utbildningsförvaltningen, Skatteverket.",
        processors="Utbildningsförvaltningen (Skolplattformen)",
        agreement=SIGNED,
        retention="Gallras två år efter att placeringen upphört.",
        security=_SEC_CITY,
        systems=["Skolplattformen"],
        created=D(2021, 4, 26),
        reviews=[D(2021, 4, 26), D(2023, 5, 15)],
    ),
    _pa(
        "Närvaro och schema i förskolan",
        unit="Förskoleavdelningen",
        purposes="Registrera barns vistelsetider och närvaro.",
        basis_details="Art. 6.1 e, skollagen 8 kap.",
        subjects="Barn, vårdnadshavare.",
        data="Namn, vistelsetider, närvaro.",
        recipients="Inga utanför förvaltningen.",
        processors="Tempus Information Systems AB",
        agreement=SIGNED,
        retention="Gallras tre år efter att placeringen upphört.",
        security=_SEC_SAAS,
        systems=["Tempus"],
        created=D(2021, 4, 26),
        reviews=[D(2021, 4, 26), D(2023, 5, 15)],
    ),
    _pa(
        "Personalakter och lönehantering",
        unit="HR-enheten",
        purposes="Administrera anställningar och betala ut lön.",
        basis=LEGAL_OBLIGATION,
        basis_details="Art. 6.1 b och c; art. 9.2 b.",
        special=True,
        subjects="Anställda.",
        data="Namn, personnummer, lön, bankkonto, frånvaro.",
        recipients="Skatteverket, Försäkringskassan, pensionsadministratör.",
        processors="CGI (Heroma) via stadens avtal",
        agreement=SIGNED,
        retention="Enligt stadens dokumenthanteringsplan; räkenskapsinformation sju år.",
        security=_SEC_CITY,
        systems=["Heroma"],
        created=D(2021, 5, 3),
        reviews=[D(2021, 5, 3), D(2023, 5, 15)],
    ),
    _pa(
        "Schemaläggning och bemanning",
        unit="Hemtjänst och boenden",
        purposes="Planera scheman och bemanning.",
        basis=LEGAL_OBLIGATION,
        basis_details="Art. 6.1 b och c.",
        subjects="Medarbetare.",
        data="Namn, arbetstider, kompetenser.",
        recipients="Lönehanteringen.",
        processors="Leverantören av TimeCare Planering (support från Storbritannien)",
        agreement=SIGNED,
        transfer=("Storbritannien", TransferSafeguard.ADEQUACY),
        retention="Scheman gallras efter tre år.",
        security=_SEC_SAAS,
        systems=["TimeCare Planering"],
        created=D(2021, 5, 3),
        reviews=[D(2021, 5, 3), D(2022, 9, 14), D(2023, 5, 15)],
        missing="e",
        completed=D(2022, 9, 14),
    ),
    _pa(
        "Diarieföring och ärendehantering",
        unit="Kansliet",
        purposes="Registrera allmänna handlingar och ärenden.",
        basis=LEGAL_OBLIGATION,
        basis_details="Art. 6.1 c, offentlighets- och sekretesslagen 5 kap., arkivlagen.",
        subjects="Avsändare och mottagare av handlingar.",
        data="Namn, kontaktuppgifter, ärendemening.",
        recipients="Allmänheten efter sekretessprövning, Stadsarkivet.",
        processors=_CITY_IT,
        agreement=SIGNED,
        retention="Diariet bevaras.",
        security=_SEC_CITY,
        systems=["Ciceron diarium"],
        created=D(2021, 5, 3),
        reviews=[D(2021, 5, 3), D(2023, 5, 15)],
    ),
    _pa(
        "Passerkort och passerloggar",
        unit="Administrativa avdelningen",
        purposes="Ge behöriga tillträde till lokalerna.",
        basis_details="Art. 6.1 e.",
        subjects="Medarbetare.",
        data="Namn, kortnummer, passerhändelser.",
        recipients="Polismyndigheten vid utredning av brott.",
        retention="Passerloggar raderas efter 90 dagar.",
        security="Administration endast av utsedda personer.",
        systems=["Multi-Access"],
        created=D(2022, 3, 21),
        reviews=[D(2022, 3, 21), D(2023, 5, 15)],
    ),
    _pa(
        "Kostbeställning och specialkost",
        unit="Förskoleavdelningen",
        purposes="Beställa specialkost i förskolan.",
        basis_details="Art. 6.1 e; art. 9.2 h.",
        special=True,
        subjects="Barn, vårdnadshavare.",
        data="Namn, avdelning, allergier.",
        recipients="Tillagningskök.",
        processors="Matilda Foodtech AB",
        agreement=SIGNED,
        retention="",
        security=_SEC_SAAS,
        systems=["Matilda"],
        created=D(2023, 8, 21),
        reviews=[D(2023, 8, 21)],
        missing="f",
    ),
]

# ---------------------------------------------------------------------------------------------------------------------
# Incidents
# ---------------------------------------------------------------------------------------------------------------------

_INCIDENT_DEFAULTS = {
    "is_information_security": True,
    "is_personal_data_breach": False,
    "is_significant_nis2": False,
    "occurred_at": None,
    "ended_at": None,
    "affects_confidentiality": False,
    "affects_integrity": False,
    "affects_availability": False,
    "affects_traceability": False,
    "description": "",
    "immediate_measures": "",
    "severity": Severity.MEDIUM,
    "status": IncidentStatus.CLOSED,
    "cause": "",
    "lessons": "",
    "imy_notified_at": None,
    "imy_reference": "",
    "late_notification_reason": "",
    "not_notified_reason": "",
    "subjects_informed_at": None,
    "subjects_not_informed_reason": "",
    "data_subjects_count": None,
    "records_count": None,
    "data_categories": "",
    "early_warning_at": None,
    "notification_at": None,
    "final_report_at": None,
}
# What is known only after the registration: the first version leaves these out, the closing version adds them.
_LATER_FIELDS = (
    "ended_at",
    "cause",
    "lessons",
    "imy_notified_at",
    "imy_reference",
    "late_notification_reason",
    "not_notified_reason",
    "subjects_informed_at",
    "subjects_not_informed_reason",
    "early_warning_at",
    "notification_at",
    "final_report_at",
)
_NOT_HIGH_RISK = "Risken för de registrerade bedöms inte som hög (art. 34.1); ingen information lämnad."

EAV_INCIDENTS = [
    {
        "title": "E-post med utredning skickad till fel myndighet",
        "is_personal_data_breach": True,
        "occurred_at": _t(2022, 2, 14, 10, 52),
        "became_aware_at": _t(2022, 2, 14, 11, 20),
        "ended_at": _t(2022, 2, 14, 15, 30),
        "affects_confidentiality": True,
        "assets": ["E-post och kalender", "Treserva"],
        "description": "En handläggare på enheten för barn och unga skickade en utredning som bilaga till en "
        "socialförvaltning i en annan kommun med liknande namn som den avsedda mottagaren. Mottagaren hörde av sig "
        "samma dag.",
        "immediate_measures": "Mottagaren ombads radera meddelandet och bekräftade raderingen skriftligen. "
        "Dataskyddsombudet underrättades.",
        "severity": Severity.HIGH,
        "cause": "Automatisk komplettering av mottagaradressen; bilagan skickades med okrypterad e-post.",
        "lessons": "Utredningar skickas med säker e-post; automatisk komplettering av externa adresser stängs av.",
        "imy_notified_at": _t(2022, 2, 15, 14, 5),
        "imy_reference": "IMY-2022-1187",
        "subjects_not_informed_reason": "Mottagaren är en socialnämnd med samma sekretess och bekräftade radering "
        "samma dag. " + _NOT_HIGH_RISK,
        "data_subjects_count": 3,
        "records_count": 1,
        "data_categories": "Namn, personnummer, familjeförhållanden, hälsa; sekretess enligt OSL 26 kap.",
    },
    {
        "title": "Driftstörning i Lifecare under en förmiddag",
        "occurred_at": _t(2022, 4, 6, 7, 40),
        "became_aware_at": _t(2022, 4, 6, 7, 55),
        "ended_at": _t(2022, 4, 6, 11, 30),
        "affects_availability": True,
        "assets": ["Lifecare (Procapita)"],
        "description": "Lifecare gick inte att nå för äldreomsorgens medarbetare mellan 07.40 och 11.30.",
        "immediate_measures": "Reservrutinen med pappersblanketter användes; verksamheterna informerades via "
        "intranätet.",
        "cause": "Fel vid uppdatering av en databasserver hos driftleverantören.",
        "lessons": "Reservrutinen fungerade; driftleverantören aviserar uppdateringar i förväg.",
    },
    {
        "title": "Stöld av bärbar dator från hemtjänstens lokal",
        "is_personal_data_breach": True,
        "occurred_at": _t(2022, 6, 18, 22, 0),
        "became_aware_at": _t(2022, 6, 20, 7, 10),
        "ended_at": _t(2022, 6, 20, 7, 40),
        "affects_confidentiality": True,
        "affects_availability": True,
        "description": "Vid inbrott i hemtjänstens lokal under helgen stals en bärbar dator.",
        "immediate_measures": "Datorn spärrades och kontot låstes; polisanmälan gjordes.",
        "severity": Severity.LOW,
        "cause": "Inbrott.",
        "lessons": "Datorer låses in över helger.",
        "not_notified_reason": "Datorn var krypterad (BitLocker) och låst med personlig inloggning, och inga "
        "personuppgifter lagrades lokalt. Incidenten bedöms sannolikt inte medföra risk för de registrerades "
        "rättigheter och friheter (art. 33.1); dokumenterad enligt art. 33.5 i samråd med dataskyddsombudet.",
        "subjects_not_informed_reason": "Ingen risk för de registrerade.",
        "data_categories": "Inga lokalt lagrade personuppgifter.",
    },
    {
        "title": "Kapat e-postkonto efter nätfiske",
        "is_personal_data_breach": True,
        "occurred_at": _t(2022, 9, 12, 8, 5),
        "became_aware_at": _t(2022, 9, 12, 9, 30),
        "ended_at": _t(2022, 9, 12, 10, 15),
        "affects_confidentiality": True,
        "affects_integrity": True,
        "assets": ["E-post och kalender"],
        "description": "En medarbetare angav sina inloggningsuppgifter på en falsk inloggningssida. Kontot användes "
        "för att skicka nätfiskemeddelanden till omkring 600 adresser. Brevlådan innehöll meddelanden med uppgifter "
        "om brukare.",
        "immediate_measures": "Kontot spärrades, lösenordet byttes och sessionerna avslutades; mottagarna varnades.",
        "severity": Severity.HIGH,
        "cause": "Nätfiske; kontot saknade tvåfaktorsautentisering.",
        "lessons": "Tvåfaktorsautentisering införs för alla konton; nätfiskeövningar i e-utbildningen.",
        "imy_notified_at": _t(2022, 9, 14, 16, 0),
        "imy_reference": "IMY-2022-8841",
        "subjects_not_informed_reason": "Loggarna visar inga tecken på att meddelandena lästs eller hämtats. "
        + _NOT_HIGH_RISK,
        "data_subjects_count": 40,
        "records_count": 120,
        "data_categories": "Namn, adress, uppgifter om insatser i hemtjänsten.",
    },
    {
        "title": "Beslut om ekonomiskt bistånd skickat till fel adress",
        "is_personal_data_breach": True,
        "occurred_at": _t(2022, 11, 17, 15, 0),
        "became_aware_at": _t(2022, 11, 21, 13, 45),
        "ended_at": _t(2022, 11, 21, 13, 45),
        "affects_confidentiality": True,
        "assets": ["Treserva"],
        "description": "Ett beslut om ekonomiskt bistånd skickades till den sökandes tidigare adress och öppnades av "
        "den nya hyresgästen, som lämnade in det på medborgarkontoret.",
        "immediate_measures": "Brevet togs om hand; adressen i Treserva rättades.",
        "cause": "Adressen i akten uppdaterades inte efter flytt.",
        "lessons": "Adress kontrolleras mot folkbokföringen före utskick.",
        "imy_notified_at": _t(2022, 11, 23, 10, 30),
        "imy_reference": "IMY-2022-11502",
        "subjects_not_informed_reason": "Den sökande informerades vid nästa besök; " + _NOT_HIGH_RISK,
        "data_subjects_count": 2,
        "records_count": 1,
        "data_categories": "Namn, personnummer, ekonomiska förhållanden.",
    },
    # --- 2023 (the 2024 review's follow-up period)
    {
        "title": "Avbrott i larmmottagningen för trygghetslarm",
        "occurred_at": _t(2023, 1, 24, 1, 45),
        "became_aware_at": _t(2023, 1, 24, 2, 10),
        "ended_at": _t(2023, 1, 24, 5, 5),
        "affects_availability": True,
        "assets": ["Tunstall larmmottagning"],
        "description": "Larm från trygghetslarm nådde inte larmmottagningen under drygt tre timmar på natten.",
        "immediate_measures": "Nattpatrullen gjorde extra tillsyn hos brukare med hög risk; leverantören kopplade om "
        "till reservlarmcentralen.",
        "severity": Severity.HIGH,
        "cause": "Fel i leverantörens nätverksutrustning; omkopplingen till reserv var inte automatisk.",
        "lessons": "Automatisk omkoppling krävs i avtalet; kontinuitetsplanen för trygghetslarm ses över.",
    },
    {
        "title": "Obehörig åtkomst till journalanteckningar i Lifecare",
        "is_personal_data_breach": True,
        "occurred_at": _t(2023, 2, 6, 8, 0),
        "became_aware_at": _t(2023, 3, 9, 10, 15),
        "ended_at": _t(2023, 3, 9, 11, 0),
        "affects_confidentiality": True,
        "affects_traceability": True,
        "assets": ["Lifecare (Procapita)"],
        "description": "Vid den månatliga logguppföljningen upptäcktes att en medarbetare under februari och mars "
        "hade öppnat journaler för 14 personer i sin bekantskapskrets utan tjänstebehov.",
        "immediate_measures": "Medarbetarens behörighet stängdes; arbetsrättslig utredning inleddes.",
        "severity": Severity.HIGH,
        "cause": "Medvetet missbruk av behörighet.",
        "lessons": "Logguppföljningen fungerade; stickproven på behörigheter utökas.",
        "imy_notified_at": _t(2023, 3, 10, 15, 30),
        "imy_reference": "IMY-2023-2206",
        "subjects_informed_at": _t(2023, 3, 17, 14, 0),  # Art. 34: health data about acquaintances, high risk
        "data_subjects_count": 14,
        "records_count": 37,
        "data_categories": "Namn, personnummer, hälsa, social dokumentation (känsliga personuppgifter, art. 9).",
    },
    {
        "title": "Lista med barns och vårdnadshavares kontaktuppgifter skickad till fel vårdnadshavare",
        "is_personal_data_breach": True,
        "occurred_at": _t(2023, 5, 11, 16, 30),
        "became_aware_at": _t(2023, 5, 12, 8, 15),  # a Friday
        "ended_at": _t(2023, 5, 12, 12, 0),
        "affects_confidentiality": True,
        "assets": ["E-post och kalender"],
        "description": "En förskola skickade en lista med barngruppens namn, vårdnadshavares telefonnummer och "
        "e-postadresser till samtliga vårdnadshavare i en annan barngrupp.",
        "immediate_measures": "Mottagarna ombads radera meddelandet.",
        "cause": "Fel sändlista valdes.",
        "lessons": "Rutinen för personuppgiftsincidenter ska ange vem som bedömer och anmäler under helger.",
        "imy_notified_at": _t(2023, 5, 15, 16, 15),  # Monday: 80 hours after becoming aware, 8 hours late
        "imy_reference": "IMY-2023-4790",
        "late_notification_reason": "Incidenten upptäcktes en fredag. Rutinen anger inte vem som ersätter "
        "dataskyddsombudet under helger, och bedömningen gjordes först på måndagen. Anmälan lämnades därför 80 "
        "timmar efter att förvaltningen fick kännedom om incidenten.",
        "subjects_not_informed_reason": "Uppgifterna är kontaktuppgifter som till stor del redan är kända inom "
        "förskolan. " + _NOT_HIGH_RISK,
        "data_subjects_count": 46,
        "records_count": 1,
        "data_categories": "Barns namn, vårdnadshavares namn, telefonnummer och e-postadresser.",
    },
    {
        "title": "Planeringslista för hemtjänsten tappad och återfunnen",
        "is_personal_data_breach": True,
        "occurred_at": _t(2023, 6, 20, 15, 0),
        "became_aware_at": _t(2023, 6, 20, 15, 40),
        "ended_at": _t(2023, 6, 20, 16, 20),
        "affects_confidentiality": True,
        "description": "En medarbetare tappade en utskriven planeringslista med nio brukares namn, adresser och "
        "besökstider. Listan återfanns efter 40 minuter.",
        "immediate_measures": "Listan återfanns på parkeringen utanför hemtjänstens lokal och makulerades.",
        "severity": Severity.LOW,
        "cause": "Utskrivna listor används när telefonen laddar ur.",
        "lessons": "Reservladdare i bilarna; utskrifter ska inte tas med ut.",
        "not_notified_reason": "Listan återfanns inom 40 minuter av medarbetaren själv, vikt och utan tecken på att "
        "någon annan tagit del av den. Incidenten bedöms sannolikt inte medföra risk för de registrerades "
        "rättigheter och friheter (art. 33.1); dokumenterad enligt art. 33.5 i samråd med dataskyddsombudet.",
        "subjects_not_informed_reason": "Ingen risk för de registrerade.",
        "data_subjects_count": 9,
        "records_count": 1,
        "data_categories": "Namn, adress, besökstider.",
    },
    {
        "title": "Nätfiskeförsök: inloggningsuppgifter angivna på falsk sida",
        "occurred_at": _t(2023, 9, 5, 12, 50),
        "became_aware_at": _t(2023, 9, 5, 13, 5),
        "ended_at": _t(2023, 9, 5, 13, 25),
        "affects_confidentiality": True,
        "assets": ["E-post och kalender"],
        "description": "En medarbetare angav sina inloggningsuppgifter på en falsk inloggningssida och anmälde det "
        "själv direkt.",
        "immediate_measures": "Kontot låstes och lösenordet byttes inom 20 minuter; tvåfaktorsautentiseringen "
        "stoppade inloggningsförsöken.",
        "severity": Severity.LOW,
        "cause": "Nätfiske.",
        "lessons": "Snabb anmälan gjorde skillnad; exemplet används i e-utbildningen.",
    },
    {
        "title": "Vårdnadshavare kunde se annan familjs placeringsuppgifter i Skolplattformen",
        "is_personal_data_breach": True,
        "occurred_at": _t(2023, 10, 13, 9, 0),
        "became_aware_at": _t(2023, 10, 16, 9, 40),
        "ended_at": _t(2023, 10, 16, 14, 0),
        "affects_confidentiality": True,
        "affects_integrity": True,
        "assets": ["Skolplattformen"],
        "description": "Efter en felaktig koppling mellan två hushåll kunde en vårdnadshavare se den andra familjens "
        "placerings- och kontaktuppgifter.",
        "immediate_measures": "Kopplingen togs bort och behörigheterna kontrollerades för hela förskolan.",
        "cause": "Manuell registrering av syskonkoppling på fel hushåll.",
        "lessons": "Syskonkopplingar kontrolleras av en andra person.",
        "imy_notified_at": _t(2023, 10, 17, 11, 0),
        "imy_reference": "IMY-2023-9013",
        "subjects_not_informed_reason": "Båda familjerna kontaktades av förskolechefen som del av åtgärderna; "
        + _NOT_HIGH_RISK,
        "data_subjects_count": 6,
        "records_count": 8,
        "data_categories": "Namn, adress, telefonnummer, placeringsuppgifter.",
    },
    # --- The significant incident under the cybersecurity law: after 2026-01-15, when the law applies (see the
    # module docstring). Reported to CERT-SE at Myndigheten för civilt försvar; early warning after 5.5 h,
    # notification after 57 h, final report 23 days after the notification.
    {
        "title": "Digitala lås i hemtjänsten ur funktion efter cyberangrepp mot leverantören",
        "is_significant_nis2": True,
        "occurred_at": _t(2026, 2, 9, 4, 30),
        "became_aware_at": _t(2026, 2, 9, 6, 10),
        "ended_at": _t(2026, 2, 9, 17, 40),
        "affects_availability": True,
        "affects_integrity": True,
        "assets": ["Phoniro Care", "Hemtjänst – planering och utförande"],
        "description": "Ett utpressningsangrepp mot leverantörens driftmiljö gjorde att hemtjänstens digitala lås "
        "inte gick att öppna med telefonerna under morgonen och dagen. Omkring 1 100 brukare berördes.",
        "immediate_measures": "Hemtjänsten gick över till reservnycklar enligt kontinuitetsplanen och prioriterade "
        "besöken efter brukarnas behov; leverantören isolerade de drabbade servrarna.",
        "severity": Severity.CRITICAL,
        "cause": "Utpressningsangrepp (ransomware) mot leverantörens driftmiljö via ett komprometterat "
        "administratörskonto.",
        "lessons": "Reservnycklarna räckte men hämtningen tog tid; nyckelskåpen flyttas närmare grupperna. Kraven på "
        "leverantörens incidentrapportering skärps i avtalet.",
        "early_warning_at": _t(2026, 2, 9, 11, 45),
        "notification_at": _t(2026, 2, 11, 15, 20),
        "final_report_at": _t(2026, 3, 6, 14, 0),
    },
]

HSV_INCIDENTS = [
    {
        "title": "Beslut om hemtjänst skickat till fel mottagare",
        "is_personal_data_breach": True,
        "occurred_at": _t(2022, 4, 29, 14, 0),
        "became_aware_at": _t(2022, 5, 3, 10, 20),
        "ended_at": _t(2022, 5, 3, 10, 20),
        "affects_confidentiality": True,
        "assets": ["Lifecare (Procapita)"],
        "description": "Ett beslut om hemtjänst skickades till en annan brukare med samma efternamn.",
        "immediate_measures": "Brevet hämtades tillbaka.",
        "cause": "Fel brukare valdes vid utskick.",
        "lessons": "Personnummer kontrolleras före utskick.",
        "imy_notified_at": _t(2022, 5, 4, 9, 0),
        "imy_reference": "IMY-2022-3920",
        "subjects_not_informed_reason": _NOT_HIGH_RISK,
        "data_subjects_count": 1,
        "records_count": 1,
        "data_categories": "Namn, personnummer, hälsa, beviljade insatser.",
    },
    {
        "title": "Förlorad arbetstelefon i hemtjänsten",
        "occurred_at": _t(2023, 2, 13, 17, 0),
        "became_aware_at": _t(2023, 2, 13, 18, 30),
        "ended_at": _t(2023, 2, 13, 19, 0),
        "affects_availability": True,
        "assets": ["Phoniro Care"],
        "description": "En medarbetare tappade sin arbetstelefon under kvällspasset.",
        "immediate_measures": "Telefonen spärrades och fjärraderades; nycklarna i Phoniro spärrades.",
        "severity": Severity.LOW,
        "cause": "Tappad telefon.",
        "lessons": "Spärrrutinen fungerade.",
    },
    {
        "title": "E-post med uppgifter om brukare skickad till fel mottagare",
        "is_personal_data_breach": True,
        "occurred_at": _t(2023, 4, 17, 14, 5),
        "became_aware_at": _t(2023, 4, 17, 14, 30),
        "ended_at": _t(2023, 4, 17, 16, 0),
        "affects_confidentiality": True,
        "description": "Ett e-postmeddelande med uppgifter om en brukares hälsa skickades till en privatperson i "
        "stället för till en utförare.",
        "immediate_measures": "Mottagaren ombads radera meddelandet och bekräftade det.",
        "severity": Severity.HIGH,
        "cause": "Automatisk komplettering av adress.",
        "lessons": "Säker e-post används för uppgifter om brukare.",
        "imy_notified_at": _t(2023, 4, 19, 11, 15),
        "imy_reference": "IMY-2023-3312",
        "subjects_not_informed_reason": "Mottagaren bekräftade radering samma dag. " + _NOT_HIGH_RISK,
        "data_subjects_count": 1,
        "records_count": 1,
        "data_categories": "Namn, hälsa.",
    },
    {
        "title": "Utskrivna journalanteckningar i pappersinsamling för vanligt avfall",
        "is_personal_data_breach": True,
        "occurred_at": _t(2023, 8, 28, 12, 0),
        "became_aware_at": _t(2023, 8, 28, 15, 10),
        "ended_at": _t(2023, 8, 28, 15, 30),
        "affects_confidentiality": True,
        "description": "Utskrivna journalanteckningar hade lagts i pappersinsamlingen i stället för i "
        "sekretessåtervinningen.",
        "immediate_measures": "Papperen flyttades till sekretessåtervinningen.",
        "severity": Severity.LOW,
        "cause": "Otydlig märkning av kärlen.",
        "lessons": "Kärlen har märkts om.",
        "not_notified_reason": "Insamlingskärlet står i ett låst personalrum och hade inte tömts. Incidenten bedöms "
        "sannolikt inte medföra risk för de registrerade (art. 33.1); dokumenterad enligt art. 33.5.",
        "subjects_not_informed_reason": "Ingen risk för de registrerade.",
        "data_subjects_count": 3,
        "records_count": 5,
        "data_categories": "Namn, hälsa.",
    },
]

# ---------------------------------------------------------------------------------------------------------------------
# Risks
# ---------------------------------------------------------------------------------------------------------------------

RSA_CYCLE = "2023–2024"
_EAV_ADM = "Administrativ chef"
_EAV_AO = "Avdelningschef, äldreomsorg"
_EAV_IFO = "Avdelningschef, individ- och familjeomsorg"
_EAV_ISS = "Informationssäkerhetssamordnare"
_EAV_HEAD = "Förvaltningschef"
_A_TRAINING = (
    "Öka antalet medarbetare som har kunskap om informationssäkerhet genom bland annat stadens obligatoriska "
    "e-utbildningar"
)
_A_INCIDENTS = (2024, "Översyn av incidentrutiner")
_A_ACCESS = (2024, "Behörighetshantering")
_A_NIS2 = (2024, "Utredning och implementeringen av NIS-2")
_A_CONTINUITY = (2025, "Revidera och se över kontinuitetsplaner")


def _risk(title, likelihood, consequence, treatment, status, owner, assessed_on, description, assets=(), actions=()):
    return {
        "title": title,
        "values": {
            "description": description,
            "likelihood": likelihood,
            "consequence": consequence,
            "treatment": treatment,
            "owner": owner,
            "status": status,
            "assessed_on": assessed_on,
            "rsa_cycle": RSA_CYCLE,
        },
        "assets": list(assets),
        "actions": list(actions),
    }


REDUCE, ACCEPT, AVOID, SHARE = Treatment.REDUCE, Treatment.ACCEPT, Treatment.AVOID, Treatment.SHARE
IDENTIFIED, IN_TREATMENT = RiskStatus.IDENTIFIED, RiskStatus.IN_TREATMENT

EAV_RISKS = [
    _risk(
        "Nätfiske leder till kapade konton och dataintrång",
        3,
        4,
        REDUCE,
        IN_TREATMENT,
        _EAV_ADM,
        D(2023, 3, 14),
        "Medarbetare luras att lämna inloggningsuppgifter; angripare når e-post och verksamhetssystem.",
        ["E-post och kalender"],
        [(2024, _A_TRAINING)],
    ),
    _risk(
        "Kraven i NIS2-direktivet är inte omhändertagna när den svenska lagen börjar gälla",
        4,
        3,
        REDUCE,
        IDENTIFIED,
        _EAV_HEAD,
        D(2023, 9, 20),
        "Förvaltningen saknar ännu analys av vilka krav på riskhantering, incidentrapportering och "
        "ledningens ansvar som gäller för nämnden.",
        ["Hemtjänst – planering och utförande"],
        [_A_NIS2, (2025, "Fortsatt arbete med NIS-2")],
    ),
    _risk(
        "Personuppgiftsincidenter upptäcks, bedöms eller anmäls inte i tid",
        3,
        3,
        REDUCE,
        IN_TREATMENT,
        _EAV_ISS,
        D(2023, 5, 30),
        "Rutinen saknar ersättare under helger och semestrar; en anmälan 2023 lämnades efter 72 timmar.",
        [],
        [_A_INCIDENTS],
    ),
    _risk(
        "Otillåten åtkomst till journaler och personakter",
        3,
        3,
        REDUCE,
        IN_TREATMENT,
        _EAV_AO,
        D(2023, 3, 14),
        "Behörigheter följer inte alltid tjänstgöringen, och medarbetare kan läsa uppgifter utan tjänstebehov.",
        ["Lifecare (Procapita)", "Treserva"],
        [_A_ACCESS],
    ),
    _risk(
        "Cyberangrepp mot leverantör av verksamhetssystem",
        2,
        4,
        SHARE,
        IDENTIFIED,
        _EAV_ADM,
        D(2023, 9, 20),
        "Ett utpressningsangrepp hos en leverantör slår ut system som hemtjänst och socialtjänst är beroende av.",
        ["Lifecare (Procapita)", "Treserva", "Phoniro Care", "TimeCare Planering"],
        [_A_NIS2],
    ),
    _risk(
        "Avbrott i trygghetslarmens larmkedja",
        2,
        4,
        SHARE,
        IN_TREATMENT,
        _EAV_AO,
        D(2023, 2, 7),
        "Larm når inte fram när leverantörens larmmottagning eller nät fallerar.",
        ["Tunstall larmmottagning"],
        [_A_CONTINUITY],
    ),
    _risk(
        "Felskickad e-post och post med känsliga personuppgifter",
        4,
        2,
        REDUCE,
        IN_TREATMENT,
        _EAV_IFO,
        D(2023, 3, 14),
        "Meddelanden och brev med känsliga uppgifter når fel mottagare.",
        ["E-post och kalender", "Treserva"],
        [(2024, _A_TRAINING)],
    ),
    _risk(
        "Digitala lås i hemtjänsten går inte att använda",
        2,
        3,
        REDUCE,
        IDENTIFIED,
        _EAV_AO,
        D(2023, 5, 30),
        "Personalen kommer inte in hos brukare när låstjänsten eller telefonerna inte fungerar.",
        ["Phoniro Care"],
        [_A_CONTINUITY],
    ),
    _risk(
        "Verksamhetssystem saknar aktuell informationsklassning",
        3,
        2,
        REDUCE,
        IN_TREATMENT,
        _EAV_ISS,
        D(2023, 3, 14),
        "Skyddsåtgärder dimensioneras utan känd skyddsnivå.",
        ["Multi-Access", "Matilda", "Stratsys"],
        [(2024, "Särskilt fokus på informationsklassning av verksamhetsprocesser som omfattas av NIS-direktivet")],
    ),
    _risk(
        "Chefer och medarbetare saknar kunskap om informationssäkerhet och dataskydd",
        3,
        2,
        REDUCE,
        IN_TREATMENT,
        _EAV_HEAD,
        D(2023, 3, 14),
        "Andelen som genomfört den obligatoriska e-utbildningen är för låg.",
        [],
        [(2024, _A_TRAINING), (2025, _A_TRAINING)],
    ),
    _risk(
        "Personuppgifter överförs till tredjeland utan giltig skyddsåtgärd",
        2,
        3,
        AVOID,
        IN_TREATMENT,
        _EAV_ADM,
        D(2023, 9, 20),
        "Molntjänster och enkätverktyg med amerikanska ägare används utan kontrollerad skyddsåtgärd.",
        ["E-post och kalender"],
        [(2024, "Tydliggöra informationssäkerhetens roll i inköpsprocessen i samarbete med upphandlare")],
    ),
    _risk(
        "Långvarigt avbrott i stadens gemensamma it-drift",
        1,
        4,
        SHARE,
        IDENTIFIED,
        _EAV_ADM,
        D(2023, 2, 7),
        "Stadsgemensamma system blir otillgängliga i flera dygn.",
        ["Lifecare (Procapita)", "Treserva", "Heroma"],
        [_A_CONTINUITY],
    ),
    _risk(
        "Förlust av arbetstelefon eller arbetsdator",
        4,
        1,
        REDUCE,
        IDENTIFIED,
        _EAV_ISS,
        D(2023, 5, 30),
        "Enheter tappas eller stjäls; skriftlig rutin för vad som ska göras saknas.",
        ["Intraphone"],
        [_A_INCIDENTS],
    ),
    _risk(
        "Registerförteckningen är ofullständig eller inaktuell",
        2,
        2,
        REDUCE,
        RiskStatus.TREATED,
        _EAV_ADM,
        D(2023, 2, 7),
        "Behandlingar saknas eller är ofullständigt beskrivna; rutinen för årlig översyn är nu införd.",
    ),
    _risk(
        "Obehörigt tillträde till förvaltningens lokaler",
        1,
        2,
        ACCEPT,
        RiskStatus.ACCEPTED,
        _EAV_ADM,
        D(2023, 2, 7),
        "Passersystem och kamerabevakning bedöms ge tillräckligt skydd; kvarvarande risk accepteras.",
        ["Multi-Access"],
    ),
]

_HSV_AO = "Avdelningschef, äldreomsorg och socialpsykiatri"
_HSV_ADM = "Avdelningschef, administration"
HSV_RISKS = [
    _risk(
        "Otillåten åtkomst till personuppgifter i verksamhetssystemen",
        3,
        3,
        REDUCE,
        IN_TREATMENT,
        _HSV_AO,
        D(2023, 4, 4),
        "Behörigheter följer inte alltid tjänstgöringen.",
        ["Lifecare (Procapita)", "Treserva"],
    ),
    _risk(
        "Felskickad e-post och post med personuppgifter",
        4,
        2,
        REDUCE,
        IN_TREATMENT,
        _HSV_ADM,
        D(2023, 4, 4),
        "Meddelanden med uppgifter om brukare når fel mottagare.",
    ),
    _risk(
        "Avbrott i hemtjänstens digitala lås",
        2,
        4,
        SHARE,
        IDENTIFIED,
        _HSV_AO,
        D(2023, 4, 4),
        "Personalen kommer inte in hos brukare när låstjänsten inte fungerar.",
        ["Phoniro Care"],
        [(2025, "Kontinuitetsplan för hemtjänstens digitala lås")],
    ),
    _risk(
        "Verksamhetssystem saknar informationsklassning",
        3,
        2,
        REDUCE,
        IN_TREATMENT,
        _HSV_ADM,
        D(2023, 4, 4),
        "Fem av tolv system är inte klassade.",
        ["Ciceron diarium", "Tempus", "Multi-Access", "Matilda"],
        [(2024, "Slutföra informationsklassningen av förvaltningens verksamhetssystem")],
    ),
    _risk(
        "Chefer saknar kunskap om informationssäkerhet",
        2,
        2,
        REDUCE,
        IN_TREATMENT,
        _HSV_ADM,
        D(2023, 4, 4),
        "Alla chefer har inte genomfört stadens e-utbildning.",
        [],
        [(2024, "Alla chefer genomför stadens e-utbildning i informationssäkerhet")],
    ),
    _risk(
        "Nätfiske mot medarbetare",
        3,
        3,
        REDUCE,
        IDENTIFIED,
        _HSV_ADM,
        D(2023, 4, 4),
        "Medarbetare luras att lämna inloggningsuppgifter.",
    ),
]

# ---------------------------------------------------------------------------------------------------------------------
# Entered indicator values: share of staff who completed the city's mandatory e-learning in information security
# ---------------------------------------------------------------------------------------------------------------------

E_LEARNING = "e_learning"
_E_LEARNING_NOTE = "Uttag ur stadens kompetensportal: andel tillsvidare- och visstidsanställda som genomfört kursen."
EAV_E_LEARNING = {2021: 54, 2022: 67, 2023: 78}
HSV_E_LEARNING = {2021: 48, 2022: 61, 2023: 70}


def _entered_on(year: int) -> datetime.date:
    """When a year's value is entered: in January after the year, except the current year's, taken at the 2024
    review's cut-off."""
    return D(year + 1, 1, 20) if year < 2023 else D(2023, 11, 10)


EAV_REGISTERS = {
    "controller": _EAV_CONTROLLER,
    "processing": EAV_PROCESSING,
    "incidents": EAV_INCIDENTS,
    "risks": EAV_RISKS,
    "e_learning": EAV_E_LEARNING,
}
HSV_REGISTERS = {
    "controller": _HSV_CONTROLLER,
    "processing": HSV_PROCESSING,
    "incidents": HSV_INCIDENTS,
    "risks": HSV_RISKS,
    "e_learning": HSV_E_LEARNING,
}

# ---------------------------------------------------------------------------------------------------------------------
# Loader
# ---------------------------------------------------------------------------------------------------------------------


def _load_dated(loader, model, lookup: dict, versions: list, m2m: dict | None = None, prepare=None):
    """The row matching `lookup`. A new row is created as `versions[0]` = (moment, values) with its history dated
    then, its m2m relations (`m2m`: name -> objects) set a second later, and each later version saved with its own
    date. An existing row is only brought up to the last version, dated now, and counted as updated when it changed.
    `prepare(obj)` is called on a new row before it is validated and saved.
    """
    label = model._meta.label
    m2m = m2m or {}
    obj = model.objects.filter(**lookup).first()
    if obj is not None:
        final = versions[-1][1]
        changed = [name for name, value in final.items() if getattr(obj, name) != value]
        if changed:
            for name in changed:
                setattr(obj, name, final[name])
            obj.updated_by = loader.actor
            loader._save(obj)
        m2m_changed = False
        for name, targets in m2m.items():
            manager = getattr(obj, name)
            if set(manager.values_list("pk", flat=True)) != {target.pk for target in targets}:
                obj._history_user = loader.actor
                manager.set(targets)
                m2m_changed = True
        if changed or m2m_changed:
            loader.updated[label] += 1
        return obj

    moments = [moment for moment, _ in versions]
    if any(b < a + 2 * ONE_SECOND for a, b in zip(moments, moments[1:], strict=False)):
        raise ValueError(f"versions of {lookup} must be in time order, at least two seconds apart")
    moment, values = versions[0]
    obj = model(**lookup, **values)
    if prepare is not None:
        prepare(obj)
    obj.created_by = obj.updated_by = loader.actor
    obj._history_date = moment
    loader._save(obj)
    loader.created[label] += 1
    if any(m2m.values()):
        obj._history_date = moment + ONE_SECOND
        for name, targets in m2m.items():
            if targets:
                getattr(obj, name).set(targets)
    for moment, values in versions[1:]:
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        if not changed:
            continue
        for name in changed:
            setattr(obj, name, values[name])
        obj._history_date = moment
        loader._save(obj)
    del obj._history_date
    return obj


def _incident_versions(item: dict) -> list[tuple[datetime.datetime, dict]]:
    """Registered half an hour after becoming aware, under investigation; closed, with everything, three days after
    the last of its dates."""
    final = {**_INCIDENT_DEFAULTS, **{k: v for k, v in item.items() if k not in ("title", "assets")}}
    registered = final["became_aware_at"] + datetime.timedelta(minutes=30)
    first = {**final, "status": IncidentStatus.INVESTIGATING}
    for name in _LATER_FIELDS:
        first[name] = _INCIDENT_DEFAULTS[name]
    moments = [value for value in final.values() if isinstance(value, datetime.datetime)]
    closed = max(moments) + datetime.timedelta(days=3)
    return [(registered, first), (closed, final)]


def load_registers(loader, org, data: dict) -> None:
    """The organisation's processing records, incidents, risks and e-learning values (see the module docstring)."""
    assets = {asset.name: asset for asset in InformationAsset.objects.filter(organisation=org)}
    actions = {(a.plan_year, a.title): a for a in Action.objects.filter(organisation=org)}

    for record in data["processing"]:
        versions = [(_on(day), values) for day, values in processing_versions(record, data["controller"])]
        _load_dated(
            loader,
            ProcessingActivity,
            {"organisation": org, "name": record["name"]},
            versions,
            {"assets": [assets[name] for name in record["systems"]]},
        )

    # In the order they became known, so that new rows take their year's numbers in that order.
    for item in sorted(data["incidents"], key=lambda item: item["became_aware_at"]):

        def allocate(incident):
            incident.year = timezone.localtime(incident.became_aware_at).year
            incident.sequence = incident_next_sequence(org, incident.year)

        _load_dated(
            loader,
            Incident,
            {"organisation": org, "title": item["title"]},
            _incident_versions(item),
            {"assets": [assets[name] for name in item.get("assets", [])]},
            prepare=allocate,
        )

    for item in data["risks"]:
        values = item["values"]
        _load_dated(
            loader,
            Risk,
            {"organisation": org, "title": item["title"]},
            [(_on(values["assessed_on"]), values)],
            {
                "assets": [assets[name] for name in item["assets"]],
                "actions": [actions[key] for key in item["actions"]],
            },
        )

    # Created by migration 0003; made here too so the demo also loads after a test database flush.
    e_learning, _created = Indicator.objects.get_or_create(
        code=E_LEARNING,
        defaults={
            "name": "Andel medarbetare som genomfört den obligatoriska e-utbildningen",
            "kind": "entered",
            "unit": "%",
            "position": 7,
        },
    )
    for year, value in data["e_learning"].items():

        def dated(measurement, year=year):
            measurement._history_date = _on(_entered_on(year))

        loader.upsert(
            Measurement,
            {"indicator": e_learning, "organisation": org, "year": year},
            {"value": Decimal(value), "note": _E_LEARNING_NOTE},
            prepare=dated,
        )
