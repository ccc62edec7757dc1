"""Every register's list page makes the same number of SQL queries whatever its row count (issue 4).

Most registers have their own test of it beside their other view tests (COVERED_ELSEWHERE); this file covers the
rest, building rows with the permission matrix's FACTORIES, and fails when a register is added to REGISTERS without
a query-count test anywhere. bench/city.py measures the same property at 50 and 5 000 rows on PostgreSQL.
"""

import pytest

from isms.models import Role
from registry.views import REGISTERS
from tests.factories import organisation
from tests.registry.ui_support import member, query_count, signed_in
from tests.test_permissions_matrix import FACTORIES

# slug → the test that compares the list page's query count for few and many rows
COVERED_ELSEWHERE = {
    "processing": "tests/registry/test_processing_views.py::test_list_query_count_does_not_grow_with_rows",
    "incidents": "tests/registry/test_incident_views.py::test_list_query_count_does_not_grow_with_rows",
    "risks": "tests/registry/test_risk_views.py::test_list_query_count_does_not_grow_with_rows",
    "indicators": "tests/registry/test_indicator_views.py::test_page_query_count_does_not_grow_with_values",
    "reports": "tests/registry/test_views_audit_plan.py::test_list_query_count_does_not_grow_with_rows",
    "recommendations": "tests/registry/test_views_audit_plan.py::test_list_query_count_does_not_grow_with_rows",
    "controls": "tests/registry/test_views_audit_plan.py::test_list_query_count_does_not_grow_with_rows",
    "actions": "tests/registry/test_views_audit_plan.py::test_list_query_count_does_not_grow_with_rows",
    "documents": "tests/registry/test_views_audit_plan.py::test_list_query_count_does_not_grow_with_rows",
    "factors": "tests/registry/test_views_audit_plan.py::test_list_query_count_does_not_grow_with_rows",
}
HERE = [register for register in REGISTERS if register.slug not in COVERED_ELSEWHERE]


def test_every_register_has_a_list_query_count_test():
    assert {r.slug for r in REGISTERS} <= set(COVERED_ELSEWHERE) | {r.slug for r in HERE}
    assert set(COVERED_ELSEWHERE) <= {r.slug for r in REGISTERS}, "a register named here is gone from REGISTERS"


@pytest.mark.django_db
@pytest.mark.parametrize("register", HERE, ids=lambda r: r.slug)
def test_list_query_count_is_the_same_for_2_and_12_rows(client, register):
    label = register.model._meta.label
    assert label in FACTORIES, f"no factory for {label} in tests/test_permissions_matrix.py"
    build = FACTORIES[label][0][1]
    org = organisation()
    signed_in(client, member(org, Role.COORDINATOR))
    url = register.url("list")
    for n in range(2):
        build(org, f"Rad {n}")
    few = query_count(client, url)
    for n in range(2, 12):
        build(org, f"Rad {n}")
    assert register.model._default_manager.count() >= 12
    assert query_count(client, url) == few
