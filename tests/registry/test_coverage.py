import datetime

import pytest

from registry.models import AssetKind, ClassificationMethod
from registry.selectors import classification_coverage, classification_coverage_series, coverage_by_year_end, percent
from tests.factories import classify, organisation, system

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [(1, 8, 13), (1, 2, 50), (3, 10, 30), (1, 200, 1), (1, 3, 33), (2, 3, 67), (0, 5, 0), (0, 0, None)],
)
def test_percent_is_whole_and_rounds_half_up(numerator, denominator, expected):
    assert percent(numerator, denominator) == expected


def test_counts_only_systems_in_use_with_a_current_complete_classification():
    org = organisation()
    classified = system(org)
    classify(classified, D(2023, 1, 10))
    system(org)  # never classified
    info_set = system(org, kind=AssetKind.INFORMATION_SET)
    classify(info_set, D(2023, 1, 10))  # not a system: not counted at all
    coverage = classification_coverage(org, D(2023, 6, 1))
    assert (coverage.classified, coverage.systems, coverage.percent) == (1, 2, 50)


def test_asset_retired_before_the_date_is_not_counted():
    org = organisation()
    retired = system(org, retired_on=D(2023, 3, 1))
    classify(retired, D(2022, 1, 1))
    system(org)
    assert classification_coverage(org, D(2023, 6, 1)).systems == 1
    assert classification_coverage(org, D(2023, 2, 28)).classified == 1


def test_boundary_days_in_use_from_counts_retired_on_does_not():
    org = organisation()
    system(org, in_use_from=D(2023, 11, 15))
    system(org, in_use_from=D(2020, 1, 1), retired_on=D(2023, 11, 15))
    system(org, in_use_from=D(2023, 11, 16))
    assert classification_coverage(org, D(2023, 11, 15)).systems == 1
    assert classification_coverage(org, D(2023, 11, 14)).systems == 1


def test_classification_decided_on_the_day_counts_and_next_day_not_before():
    org = organisation()
    asset = system(org)
    classify(asset, D(2023, 11, 15))
    assert classification_coverage(org, D(2023, 11, 15)).classified == 1
    assert classification_coverage(org, D(2023, 11, 14)).classified == 0


def test_stale_classification_does_not_count_but_due_on_the_day_does():
    org = organisation()
    asset = system(org)
    classify(asset, D(2020, 6, 1), next_review_due=D(2023, 6, 1))
    assert classification_coverage(org, D(2023, 6, 1)).classified == 1
    assert classification_coverage(org, D(2023, 6, 2)).classified == 0


def test_newest_classification_rules_even_when_older_one_was_complete():
    org = organisation()
    asset = system(org)
    classify(asset, D(2021, 1, 1))
    classify(asset, D(2023, 1, 1), levels=(2, 2, None, 1))  # incomplete: availability not assessed
    assert classification_coverage(org, D(2022, 12, 31)).classified == 1
    assert classification_coverage(org, D(2023, 1, 1)).classified == 0


def test_traceability_required_only_by_methods_that_have_it():
    org = organisation()
    klassa = system(org)
    classify(klassa, D(2023, 1, 1), levels=(1, 1, 1, None), method=ClassificationMethod.KLASSA_4)
    msb = system(org)
    classify(msb, D(2023, 1, 1), levels=(1, 1, 1, None), method=ClassificationMethod.MSB)
    assert classification_coverage(org, D(2023, 6, 1)).classified == 1


def test_no_systems_gives_no_percent():
    assert classification_coverage(organisation(), D(2023, 1, 1)).percent is None


def test_other_organisations_assets_never_count():
    org, other = organisation(), organisation()
    classify(system(other), D(2022, 1, 1))
    system(org)
    assert classification_coverage(org, D(2023, 1, 1)).classified == 0


def test_series_equals_single_dates_and_uses_two_queries(django_assert_num_queries):
    org = organisation()
    for year in (2020, 2021, 2022):
        classify(system(org), D(year, 3, 1))
    system(org)
    days = [D(2020, 12, 31), D(2021, 12, 31), D(2022, 12, 31)]
    with django_assert_num_queries(2):
        series = classification_coverage_series(org, days)
    assert [c.percent for c in series] == [25, 50, 75]
    assert [c.percent for c in series] == [classification_coverage(org, d).percent for d in days]
    assert {y: c.percent for y, c in coverage_by_year_end(org, [2020, 2022]).items()} == {2020: 25, 2022: 75}
