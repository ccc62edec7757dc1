"""Small helpers that build register rows for tests, with sensible defaults."""

import datetime
import itertools

from isms.models import Organisation
from registry.models import AssetKind, AssetStatus, Classification, InformationAsset

_seq = itertools.count(1)


def organisation(code: str | None = None, **kwargs) -> Organisation:
    code = code or f"org{next(_seq)}"
    kwargs.setdefault("name", f"Förvaltning {code}")
    return Organisation.objects.create(code=code, **kwargs)


def system(org: Organisation, in_use_from=datetime.date(2020, 1, 1), retired_on=None, **kwargs) -> InformationAsset:
    kwargs.setdefault("name", f"System {next(_seq)}")
    kwargs.setdefault("kind", AssetKind.SYSTEM)
    default = AssetStatus.RETIRED if retired_on else (AssetStatus.IN_USE if in_use_from else AssetStatus.PLANNED)
    status = kwargs.pop("status", default)  # given: as a row saved before the rules or left behind by time would be
    return InformationAsset.objects.create(
        organisation=org, in_use_from=in_use_from, retired_on=retired_on, status=status, **kwargs
    )


def classify(asset: InformationAsset, decided_on: datetime.date, levels=(2, 2, 2, 1), **kwargs) -> Classification:
    k, r, t, s = levels
    kwargs.setdefault("next_review_due", decided_on + datetime.timedelta(days=3 * 365))
    return Classification.objects.create(
        asset=asset, decided_on=decided_on, confidentiality=k, integrity=r, availability=t, traceability=s, **kwargs
    )
