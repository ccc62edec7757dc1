"""A small review built through the ORM, shaped like the reference document, with known figures.

Used by the compiler and PDF tests (it does not depend on the demo data). Known figures: 10 systems in use; 3
classified at 2022-12-31 (30 %) and 5 at the cut-off 2023-11-15 (50 %); a DPO annual report with four numbered
recommendations (1 and 4 planned 2024, 2 and 3 done 2023); control checks with 2 deviations, both remedied; actions
for 2023 (follow-up) and the plan years 2024–2026; two external factors (3.1, 3.2).
"""

import datetime

from registry.models import (
    Action,
    ActionStatus,
    AuditReport,
    ControlCheck,
    ExternalFactor,
    FactorCategory,
    Issuer,
    Recommendation,
    RecommendationStatus,
)
from reviews import sections as s
from reviews.models import ManagementReview, ReviewFactor, ReviewSection
from tests.factories import classify, organisation, system

D = datetime.date

ORG_NAME = "Åsa-Örby stadsdelsförvaltning"
BOARD_NAME = "Åsa-Örby stadsdelsnämnd"
LONG_WORD = "Loggningsgranskningsrutindokumentationsuppföljningsrapporteringsansvarsfördelningsmatrisen"  # 90

DPO_RECOMMENDATIONS = [
    (
        1,
        "Uppdatera rutinen för hantering av personuppgiftsincidenter",
        RecommendationStatus.PLANNED,
        {"planned_year": 2024},
    ),
    (2, "Tydliggör vem som är dokumentägare för handboken", RecommendationStatus.DONE, {"done_on": D(2023, 5, 10)}),
    (
        3,
        "Se över resterande styrdokument och uppdatera dem vid behov",
        RecommendationStatus.DONE,
        {"done_on": D(2023, 9, 1)},
    ),
    (
        4,
        "Ta fram en skriftlig rutin för förlust av arbetstelefon eller arbetsdator",
        RecommendationStatus.PLANNED,
        {"planned_year": 2024},
    ),
]
ACTIONS = {
    2023: [
        ("Ta fram incidentrutin", ActionStatus.STARTED),
        ("Stickprovskontroller av behörigheter", ActionStatus.DONE),
    ],
    2024: [
        ("Informationsklassning av verksamhetsprocesser som omfattas av NIS-direktivet", ActionStatus.PLANNED),
        ("Öka antalet medarbetare som har gått stadens e-utbildningar", ActionStatus.PLANNED),
        ("Översyn av incidentrutiner", ActionStatus.PLANNED),
    ],
    2025: [("Fortsatt arbete med NIS-2", ActionStatus.PLANNED), ("Revidera kontinuitetsplaner", ActionStatus.PLANNED)],
    2026: [
        ("Översyn av lokala rutiner", ActionStatus.PLANNED),
        ("Årlig översyn av behörigheter", ActionStatus.PLANNED),
    ],
}

NARRATIVES = {
    s.BACKGROUND: (
        "Enligt stadens riktlinje ska förvaltningschef inhämta en rapport, så kallad Ledningens genomgång.\n\n"
        "Rapporten ska ge underlag för att bedöma om arbetet är tillräckligt. Specialtecken: å ä ö Å Ä Ö."
    ),
    s.PREVIOUS_ACTIONS: (
        "Informationsklassning har haft stort fokus och antalet informationsklassade system har "
        "[[klassning.förändring]].\n\n[[figurer]]\n\nFörvaltningen har även arbetat med behörighetshantering."
    ),
    s.ISMS: "Stadens arbete med informationssäkerhet utgår från ISO 27001.",
    s.FACTORS: "",
    s.INTERNAL_CONTROL: (
        "Den interna kontrollen ska kunna uppnå följande:\n"
        "- att verksamheten är ändamålsenlig\n- att informationen är tillförlitlig\n- att lagar följs"
    ),
    s.RSA: "Stadens arbete med risk- och sårbarhetsanalys bedrivs i en tvåårscykel.",
    s.FOLLOW_UP: "",
    s.CONTROL_PLAN: "Förvaltningen har fortsatt stärka behörighetshanteringen.",
    s.AUDIT_RESULTS: "",
    s.AUDIT_REPORT: "I revisionsrapport Nr 5/2019 lämnade stadsrevisionen rekommendationer.",
    s.GDPR_REPORT: (
        "Dataskyddsombudet fastställde flera rekommendationer till nämnden:\n\n[[figurer]]\n\n"
        "Under 2023 har ägarskap av dokument tydliggjorts (2)."
    ),
    s.IMPROVEMENT: "Förvaltningen ser möjligheter att förbättra det systematiska arbetet.",
    s.PRIORITIES: "",
    s.PLAN_YEAR_1: "Under [[år]] kommer [[organisation]] fokusera på:",
    s.PLAN_YEAR_2: "Under [[år]] kommer [[organisation]] fokusera på:",
    s.PLAN_YEAR_3: "",
}
FACTORS = [
    ("NIS-direktivet", FactorCategory.LAW, "NIS2-direktivet omfattar nya sektorer."),
    ("Tredjelandsöverföring", FactorCategory.LAW, "EU-kommissionen fattade ett beslut om adekvat skyddsnivå."),
]


def build_sample_review(code: str = "aor", *, long_word: bool = True, narratives: dict | None = None):
    """Create the organisation, its registers and its 2024 review (draft, cut-off 2023-11-15); return the review.

    `long_word` puts LONG_WORD into a control check's "Kontroll" cell (a narrow column of a six-column table).
    `narratives` overrides section texts by key.
    """
    org = organisation(code, name=ORG_NAME, board_name=BOARD_NAME)

    # Coverage: 10 systems in use since 2020; 3 classified in 2021 (30 % at 2022-12-31), 2 more in 2023 (50 %).
    systems = [system(org, name=f"System {i}") for i in range(10)]
    for asset in systems[:3]:
        classify(asset, D(2021, 6, 1))
    for asset in systems[3:5]:
        classify(asset, D(2023, 4, 1))

    dpo = AuditReport.objects.create(
        issuer=Issuer.DPO_ANNUAL_REPORT, title="Dataskyddsombudets årsrapport 2022", date=D(2023, 3, 1)
    )
    dpo.organisations.add(org)
    for number, text, status, extra in DPO_RECOMMENDATIONS:
        Recommendation.objects.create(organisation=org, report=dpo, number=number, text=text, status=status, **extra)

    audit = AuditReport.objects.create(
        issuer=Issuer.CITY_AUDIT,
        title="Implementering av dataskyddsförordningen",
        number="Nr 5/2019",
        date=D(2019, 6, 1),
    )
    audit.organisations.add(org)
    Recommendation.objects.create(
        organisation=org,
        report=audit,
        number=1,
        text="Informationsklassificera informationstillgångarna",
        status=RecommendationStatus.DONE,
        done_on=D(2023, 2, 1),
        follow_up_reference="Årsrapporten för 2022, dnr RVK 2023/22",
    )

    ControlCheck.objects.create(
        organisation=org,
        plan_year=2023,
        process="Behörighetshantering",
        control=LONG_WORD if long_word else "Stickprov av behörigheter",
        performed_on=D(2023, 4, 12),
        sample_size=20,
        deviations_found=2,
        deviations_remedied=2,
    )

    for year, actions in ACTIONS.items():
        for position, (title, status) in enumerate(actions, start=1):
            Action.objects.create(
                organisation=org,
                plan_year=year,
                position=position,
                title=title,
                status=status,
                done_on=D(year, 10, 1) if status == ActionStatus.DONE else None,
            )

    review = ManagementReview.objects.create(
        organisation=org, plan_year=2024, diarienummer="ÅÖ 2023/1432", cutoff_date=D(2023, 11, 15)
    )
    texts = dict(NARRATIVES, **(narratives or {}))
    for key, text in texts.items():
        ReviewSection.objects.create(review=review, key=key, narrative=text)
    for position, (title, category, text) in enumerate(FACTORS, start=1):
        factor = ExternalFactor.objects.create(organisation=org, title=title, category=category, text=text)
        ReviewFactor.objects.create(review=review, factor=factor, position=position)
    return review
