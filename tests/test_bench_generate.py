"""The benchmark's generator (bench/generate.py) at 2 % of its size, and the review compiler's constant query count.

bench/run.py measures the full-size organisation; this guards, in the suite, the property the benchmark's query
target rests on: compiling a review costs the same number of queries for the small demo organisation as for a
generated one with every register filled.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from bench.generate import CUTOFF, PLAN_YEAR, generate_large_organisation, large_review, sizes_for
from portal.demo import load_demo
from registry import selectors
from registry.models import (
    Classification,
    Incident,
    IncidentCounter,
    InformationAsset,
    ProcessingActivity,
    Recommendation,
    Risk,
)
from registry.services import incident_next_sequence
from reviews import sections as S
from reviews.compiler import compile_review
from reviews.models import ManagementReview

D = datetime.date
SCALE = 0.02
pytestmark = pytest.mark.django_db


def compile_counting(review):
    with translation.override("sv"), CaptureQueriesContext(connection) as queries:
        compiled = compile_review(review)
    return compiled, len(queries.captured_queries)


def test_compile_query_count_is_the_same_for_the_demo_and_a_generated_organisation():
    load_demo(password="Bänk-lösenord-2024")
    demo = ManagementReview.objects.select_related("organisation").get(organisation__code="eav", plan_year=2024)
    large = large_review(generate_large_organisation(code="small", seed=1, scale=SCALE))

    demo_compiled, demo_queries = compile_counting(demo)
    large_compiled, large_queries = compile_counting(large)

    assert demo_queries == large_queries
    # The generated review exercises more than the demo's: section 4.4 (incidents) and every register's figures.
    assert S.INCIDENTS in {s.key for s in large_compiled.sections}
    assert S.INCIDENTS not in {s.key for s in demo_compiled.sections}
    figures = large_compiled.figures
    assert figures["incidents"]["total"] > 0 and figures["risks"]["open"] > 0
    assert figures["dpo_recommendations"] and figures["controls"]["checks"]


def test_generator_sizes_history_and_incident_references():
    org = generate_large_organisation(code="small", seed=1, scale=SCALE)
    sizes = sizes_for(SCALE)
    assert InformationAsset.objects.filter(organisation=org).count() == sizes["assets"]
    assert Recommendation.objects.filter(organisation=org).count() == sizes["recommendations"]
    assert ProcessingActivity.objects.filter(organisation=org).count() == sizes["processing_activities"]
    assert Incident.objects.filter(organisation=org).count() == sizes["incidents"]
    assert Risk.objects.filter(organisation=org).count() == sizes["risks"]
    years = {c.decided_on.year for c in Classification.objects.filter(asset__organisation=org)}
    assert years <= {2019, 2020, 2021, 2022, 2023} and len(years) >= 3

    # Every row has its history, dated in the past: the register of processing can be read for earlier days.
    assert ProcessingActivity.history.filter(organisation_id=org.pk, history_date__year__lt=2023).exists()
    before = selectors.processing_register_status(org, D(2020, 12, 31)).total
    assert 0 < before < selectors.processing_register_status(org, CUTOFF).total

    # References as the service allocates them: 1..n per year without gaps, the counter at n.
    for counter in IncidentCounter.objects.filter(organisation=org):
        sequences = sorted(
            Incident.objects.filter(organisation=org, year=counter.year).values_list("sequence", flat=True)
        )
        assert sequences == list(range(1, counter.last + 1))
    year = IncidentCounter.objects.filter(organisation=org).latest("year").year
    assert incident_next_sequence(org, year) == Incident.objects.filter(organisation=org, year=year).count() + 1

    review = large_review(org)
    assert (review.plan_year, review.cutoff_date) == (PLAN_YEAR, CUTOFF)

    # The rows pass the models' rules of status and dates and of the cut-off date, as every write path checks them.
    for asset in InformationAsset.objects.filter(organisation=org):
        asset.clean()
    review.clean()


def test_generator_is_deterministic_in_its_seed():
    first = generate_large_organisation(code="first", seed=7, scale=SCALE)
    second = generate_large_organisation(code="second", seed=7, scale=SCALE)
    other = generate_large_organisation(code="other", seed=8, scale=SCALE)

    def content(org):
        compiled, _ = compile_counting(large_review(org))
        names = list(
            InformationAsset.objects.filter(organisation=org).order_by("id").values_list("name", "in_use_from")
        )
        return compiled.figures, names

    assert content(first) == content(second)
    assert content(first) != content(other)
