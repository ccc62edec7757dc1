"""The review compiler: placeholders, numbering, factors, plan years, figure placement, the coverage phrase."""

import datetime

import pytest

from registry.models import AuditReport, Issuer, Recommendation, RecommendationStatus
from registry.selectors import Coverage
from reviews import sections as s
from reviews.compiler import Block, _coverage_change, _fill, compile_review, followed_up, parse_narrative
from reviews.models import ManagementReview, ReviewSection
from tests.factories import organisation
from tests.reviews.sample import ORG_NAME

D = datetime.date


def headings(compiled) -> list[str]:
    return [section.heading for section in compiled.sections]


def section(compiled, key):
    return next(sec for sec in compiled.sections if sec.key == key)


# Placeholders ----------------------------------------------------------------------------------------------------


VALUES = {"klassning.förändring": "ökat med 20 procentenheter", "organisation": "Åsa-Örby", "år": "2024"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[[klassning.förändring]] sedan i fjol.", "Ökat med 20 procentenheter sedan i fjol."),
        ("Andelen har [[klassning.förändring]].", "Andelen har ökat med 20 procentenheter."),
        ("Bra. [[klassning.förändring]] i år!", "Bra. Ökat med 20 procentenheter i år!"),
        ("Vad hände? [[klassning.förändring]].", "Vad hände? Ökat med 20 procentenheter."),
        ("Under [[år]] kommer [[organisation]] att", "Under 2024 kommer Åsa-Örby att"),
        ("[[ KLASSNING.FÖRÄNDRING ]]", "Ökat med 20 procentenheter"),
    ],
)
def test_placeholders_are_filled_and_capitalised_at_sentence_start(text, expected):
    assert _fill(text, VALUES) == expected


def test_unknown_placeholder_stays_visible():
    assert _fill("Se [[okänd.uppgift]] och [[år]].", VALUES) == "Se [[okänd.uppgift]] och 2024."


# Narrative parsing and figure placement --------------------------------------------------------------------------


def _table():
    return Block("table", headers=["A"], rows=[["1"]])


def test_narrative_becomes_paragraphs_bullets_and_numbered_items():
    text = "Första stycket\nfortsätter.\n\nInledning:\n- ett\n- två\n\n1. Ett\n2) Två"
    blocks = parse_narrative(text, {}, [])
    assert [b.kind for b in blocks] == ["paragraph", "paragraph", "bullets", "numbered"]
    assert blocks[0].text == "Första stycket fortsätter."
    assert blocks[2].items == ["ett", "två"]
    assert blocks[3].items == [{"number": 1, "text": "Ett", "note": ""}, {"number": 2, "text": "Två", "note": ""}]


def test_figures_go_where_the_figurer_placeholder_stands():
    blocks = parse_narrative("Före.\n\n[[figurer]]\n\nEfter.", {}, [_table()])
    assert [b.kind for b in blocks] == ["paragraph", "table", "paragraph"]


def test_figures_follow_the_narrative_without_a_placeholder():
    blocks = parse_narrative("Före.\n\nEfter.", {}, [_table()])
    assert [b.kind for b in blocks] == ["paragraph", "paragraph", "table"]
    assert [b.kind for b in parse_narrative("", {}, [_table()])] == ["table"]


# Numbering -------------------------------------------------------------------------------------------------------


REFERENCE_HEADINGS = [
    "Bakgrund",
    "1 Status för åtgärder från ledningens tidigare genomgångar",
    "2 Ledningssystem för informationssäkerhet, LIS",
    "3 Faktorer som påverkar",
    "3.1 NIS-direktivet",
    "3.2 Tredjelandsöverföring",
    "3.3 Intern kontroll",
    "3.4 Risk- och sårbarhetsanalys (RSA)",
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


def test_sections_are_numbered_in_the_reference_order(sample_review):
    compiled = compile_review(sample_review)
    assert headings(compiled) == REFERENCE_HEADINGS
    assert section(compiled, s.BACKGROUND).number == ""
    assert [sec.level for sec in compiled.sections][:5] == [1, 1, 1, 1, 2]
    assert section(compiled, s.PREVIOUS_ACTIONS).anchor == "s-1"
    assert section(compiled, s.AUDIT_REPORT).anchor == "s-4-2-1"
    assert section(compiled, s.BACKGROUND).anchor == "s-background"


def test_external_factors_are_numbered_3_1_on_and_come_before_intern_kontroll(sample_review):
    compiled = compile_review(sample_review)
    factors = [sec for sec in compiled.sections if sec.key.startswith("factor-")]
    assert [sec.heading for sec in factors] == ["3.1 NIS-direktivet", "3.2 Tredjelandsöverföring"]
    assert [b.text for b in factors[0].blocks] == ["NIS2-direktivet omfattar nya sektorer."]
    assert section(compiled, s.INTERNAL_CONTROL).number == "3.3"


def test_an_excluded_section_takes_its_sub_sections_with_it_and_numbers_close_up(sample_review):
    ReviewSection.objects.filter(review=sample_review, key=s.FACTORS).update(included=False)
    ReviewSection.objects.filter(review=sample_review, key=s.AUDIT_RESULTS).update(included=False)
    compiled = compile_review(sample_review)
    assert headings(compiled) == [
        "Bakgrund",
        "1 Status för åtgärder från ledningens tidigare genomgångar",
        "2 Ledningssystem för informationssäkerhet, LIS",
        "3 Resultatet från egen uppföljning",
        "3.1 Internkontrollplan (IKP)",
        "3.2 Risker som identifierats i GDPR-årsrapport",  # 4.2.1 Revisionsrapport went with 4.2
        "4 Möjligheter till förbättring av verksamhetens LIS",
        "4.1 Prioritering av åtgärder",
        "4.1.1 2024",
        "4.1.2 2025",
        "4.1.3 2026",
    ]


def test_a_section_without_a_row_is_left_out_like_an_excluded_one(sample_review):
    ReviewSection.objects.filter(review=sample_review, key__in=[s.BACKGROUND, s.PLAN_YEAR_2]).delete()
    compiled = compile_review(sample_review)
    assert headings(compiled)[0] == "1 Status för åtgärder från ledningens tidigare genomgångar"
    assert headings(compiled)[-2:] == ["5.1.1 2024", "5.1.2 2026"]


def test_plan_year_sections_are_headed_by_their_year_and_list_that_years_actions(sample_review):
    compiled = compile_review(sample_review)
    first = section(compiled, s.PLAN_YEAR_1)
    assert (first.number, first.title, first.level) == ("5.1.1", "2024", 3)
    assert first.blocks[0].text == f"Under 2024 kommer {ORG_NAME} fokusera på:"
    assert first.blocks[1].kind == "bullets"
    assert first.blocks[1].items[0] == "Informationsklassning av verksamhetsprocesser som omfattas av NIS-direktivet"
    second = section(compiled, s.PLAN_YEAR_2)
    assert second.blocks[0].text == f"Under 2025 kommer {ORG_NAME} fokusera på:"
    assert second.blocks[1].items == ["Fortsatt arbete med NIS-2", "Revidera kontinuitetsplaner"]
    third = section(compiled, s.PLAN_YEAR_3)
    assert [b.kind for b in third.blocks] == ["bullets"]


def test_gdpr_section_places_numbered_recommendations_with_status_at_the_placeholder(sample_review):
    blocks = section(compile_review(sample_review), s.GDPR_REPORT).blocks
    assert [b.kind for b in blocks] == ["paragraph", "numbered", "paragraph"]
    assert [(i["number"], i["note"]) for i in blocks[1].items] == [
        (1, "Planerad 2024"),
        (2, "Genomförd 2023"),
        (3, "Genomförd 2023"),
        (4, "Planerad 2024"),
    ]


# Sections 4.2.1 and 4.3 follow up the recommendations open at the cut-off or closed within the period ---------------


OPEN, PLANNED, IN_PROGRESS = RecommendationStatus.OPEN, RecommendationStatus.PLANNED, RecommendationStatus.IN_PROGRESS
DONE, NOT_PURSUED = RecommendationStatus.DONE, RecommendationStatus.NOT_PURSUED
CUTOFF, PERIOD = D(2023, 11, 15), (D(2023, 1, 1), D(2023, 11, 15))


@pytest.mark.parametrize(
    ("status", "dates", "kept"),
    [
        (OPEN, {}, True),
        (IN_PROGRESS, {}, True),
        (PLANNED, {"planned_year": 2021}, True),  # planned long ago, still not done: open
        (DONE, {"done_on": D(2023, 2, 1)}, True),  # implemented within the period
        (DONE, {"done_on": D(2022, 12, 31)}, False),  # implemented before it: followed up last year
        (DONE, {"done_on": D(2021, 5, 1), "closed_on": D(2023, 3, 16)}, True),  # closed by the auditors in the period
        (DONE, {"done_on": D(2021, 5, 1), "closed_on": D(2022, 3, 1)}, False),
        (DONE, {"done_on": D(2023, 12, 1)}, True),  # after the cut-off: open at the cut-off
        (NOT_PURSUED, {"closed_on": D(2023, 6, 1)}, True),
        (NOT_PURSUED, {"closed_on": D(2020, 6, 1)}, False),
        (NOT_PURSUED, {}, True),  # closed, but when is unknown: kept
        (OPEN, {"closed_on": D(2021, 1, 1)}, False),  # a closing date closes it whatever the status says
    ],
)
def test_followed_up_keeps_open_and_recently_closed_recommendations(status, dates, kept):
    recommendation = Recommendation(number=1, text="R", status=status, **dates)
    assert followed_up([recommendation], CUTOFF, PERIOD) == ([recommendation] if kept else [])


def _add(report, number, status, **dates):
    return Recommendation.objects.create(
        organisation=report.organisations.get(),
        report=report,
        number=number,
        text=f"Rek {number}",
        status=status,
        **dates,
    )


def test_audit_report_section_leaves_out_recommendations_closed_before_the_period(sample_review):
    city = AuditReport.objects.get(issuer=Issuer.CITY_AUDIT)
    _add(city, 2, DONE, done_on=D(2020, 4, 1), closed_on=D(2021, 3, 1))
    _add(city, 3, IN_PROGRESS)
    _add(city, 4, NOT_PURSUED, not_pursued_reason="Ej aktuellt", closed_on=D(2022, 1, 10))
    old = AuditReport.objects.create(issuer=Issuer.IMY, title="Tillsyn", date=D(2018, 5, 1))
    old.organisations.add(sample_review.organisation)
    _add(old, 1, DONE, done_on=D(2019, 1, 1), closed_on=D(2019, 6, 1))

    blocks = section(compile_review(sample_review), s.AUDIT_REPORT).blocks

    tables = [b for b in blocks if b.kind == "table"]
    assert [t.caption for t in tables] == ["Stadsrevisionen: Implementering av dataskyddsförordningen (Nr 5/2019)"]
    assert [row[0] for row in tables[0].rows] == ["1", "3"]  # done 2023-02-01 in the period; in progress


def test_gdpr_section_leaves_out_recommendations_closed_before_the_period(sample_review):
    dpo = AuditReport.objects.get(issuer=Issuer.DPO_ANNUAL_REPORT)
    _add(dpo, 5, DONE, done_on=D(2022, 12, 15))

    compiled = compile_review(sample_review)

    numbered = next(b for b in section(compiled, s.GDPR_REPORT).blocks if b.kind == "numbered")
    assert [i["number"] for i in numbered.items] == [1, 2, 3, 4]
    assert [r["number"] for r in compiled.figures["dpo_recommendations"]] == [1, 2, 3, 4]


def test_the_period_is_the_reviews_follow_up_period(sample_review):
    sample_review.follow_up_start = D(2023, 6, 1)
    sample_review.save()

    compiled = compile_review(sample_review)

    numbered = next(b for b in section(compiled, s.GDPR_REPORT).blocks if b.kind == "numbered")
    assert [i["number"] for i in numbered.items] == [1, 3, 4]  # no. 2 was done 2023-05-10
    assert not [b for b in section(compiled, s.AUDIT_REPORT).blocks if b.kind == "table"]  # done 2023-02-01


def test_hidden_figures_are_not_shown(sample_review):
    ReviewSection.objects.filter(review=sample_review, key=s.GDPR_REPORT).update(show_figures=False)
    blocks = section(compile_review(sample_review), s.GDPR_REPORT).blocks
    assert [b.kind for b in blocks] == ["paragraph", "paragraph"]


def test_compiled_review_carries_title_page_facts_and_figures(sample_review):
    compiled = compile_review(sample_review)
    assert (compiled.organisation, compiled.title, compiled.plan_years) == (
        ORG_NAME,
        "Ledningens genomgång 2024",
        [2024, 2025, 2026],
    )
    assert compiled.is_approved is False
    assert compiled.status_label == "Utkast"
    coverage = compiled.figures["coverage"]
    assert (coverage["baseline_percent"], coverage["cutoff_percent"]) == (30, 50)
    assert compiled.figures["controls"]["deviations_found"] == 2
    assert compiled.to_dict()["cutoff_date"] == "2023-11-15"


# The coverage phrase ---------------------------------------------------------------------------------------------


BASE_DAY = D(2022, 12, 31)


def coverage(classified, systems, day=BASE_DAY):
    return Coverage(day=day, systems=systems, classified=classified)


@pytest.mark.parametrize(
    ("before", "after", "phrase"),
    [
        (coverage(3, 10), coverage(5, 10), "ökat med 20 procentenheter, från 30 procent till 50 procent, sedan 2022"),
        (
            coverage(5, 10),
            coverage(4, 10),
            "minskat med 10 procentenheter, från 50 procent till 40 procent, sedan 2022",
        ),
        (coverage(4, 10), coverage(8, 20), "legat kvar på 40 procent sedan 2022"),
        (coverage(30, 100), coverage(31, 100), "ökat med 1 procentenhet, från 30 procent till 31 procent, sedan 2022"),
        (
            coverage(31, 100),
            coverage(30, 100),
            "minskat med 1 procentenhet, från 31 procent till 30 procent, sedan 2022",
        ),
        (coverage(0, 0), coverage(1, 2), "inte kunnat beräknas, eftersom inga system i drift fanns registrerade"),
    ],
)
def test_coverage_phrase_for_rise_fall_unchanged_and_one_point(before, after, phrase):
    assert _coverage_change(before, after) == phrase


def test_coverage_sentence_in_the_compiled_review(sample_review):
    paragraph = section(compile_review(sample_review), s.PREVIOUS_ACTIONS).blocks[0].text
    assert paragraph == (
        "Informationsklassning har haft stort fokus och antalet informationsklassade system har ökat med 20 "
        "procentenheter, från 30 procent till 50 procent, sedan 2022."
    )


def test_coverage_placeholders_without_any_systems_do_not_print_none(db):
    review = ManagementReview.objects.create(organisation=organisation(), plan_year=2024, cutoff_date=D(2023, 11, 15))
    ReviewSection.objects.create(
        review=review, key=s.PREVIOUS_ACTIONS, narrative="Andelen är [[klassning.nu]] (basår [[klassning.basår]])."
    )
    text = compile_review(review).sections[0].blocks[0].text
    assert "None" not in text
    assert text == "Andelen är – procent (basår 2022)."


def test_factor_texts_get_the_year_placeholder(sample_review):
    factor = sample_review.factors.first()
    factor.text_override = "Gäller från [[år]]."
    factor.save()
    assert section(compile_review(sample_review), f"factor-{factor.factor_id}").blocks[0].text == "Gäller från 2024."
