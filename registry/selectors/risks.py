"""Reads of the risk register: the likelihood × consequence matrix and a summary."""

from collections import Counter
from dataclasses import dataclass

from isms.models import Organisation

from ..models import Risk, RiskStatus


@dataclass(frozen=True)
class RiskSummary:
    """`matrix[l-1][c-1]` counts open risks of likelihood l and consequence c (both 1–4); `by_status` counts all
    risks by status code; `highest` are the open risks with the highest score (at most five), highest first."""

    matrix: list[list[int]]
    by_status: dict[str, int]
    highest: list[Risk]
    total_open: int

    @property
    def high(self) -> int:
        """Open risks with score 9 or more (the matrix's upper-right area)."""
        return sum(n for lik, row in enumerate(self.matrix, 1) for con, n in enumerate(row, 1) if lik * con >= 9)


OPEN_STATUSES = (RiskStatus.IDENTIFIED, RiskStatus.IN_TREATMENT)


def risk_summary(organisation: Organisation, rsa_cycle: str | None = None) -> RiskSummary:
    """The organisation's risks (of one RSA cycle when given) as a matrix and counts. Two queries."""
    risks = Risk.objects.filter(organisation=organisation)
    if rsa_cycle:
        risks = risks.filter(rsa_cycle=rsa_cycle)
    matrix = [[0] * 4 for _ in range(4)]
    by_status: Counter = Counter()
    for likelihood, consequence, status in risks.values_list("likelihood", "consequence", "status"):
        by_status[status] += 1
        if status in OPEN_STATUSES:
            matrix[likelihood - 1][consequence - 1] += 1
    highest = list(risks.filter(status__in=OPEN_STATUSES).order_by("-score", "title")[:5])
    return RiskSummary(matrix=matrix, by_status=dict(by_status), highest=highest, total_open=sum(map(sum, matrix)))
