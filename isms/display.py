"""Values as the user reads them: choices by label, booleans as Ja/Nej, dates in ISO form, times in Stockholm."""

import datetime
from decimal import Decimal

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

EMPTY = "–"


def display(value, field: models.Field | None = None) -> str:
    """A field value as text. `field` gives choice labels; None, "" and empty lists show as "–"."""
    if field is not None and field.choices and value not in (None, ""):
        value = dict(field.flatchoices).get(value, value)
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list | tuple | set):
        return ", ".join(str(v) for v in value)
    return str(value)


def decimal_text(value: Decimal) -> str:
    """A decimal the Swedish way, without trailing zeros: 78.50 → "78,5", 80.00 → "80"."""
    value = value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
    return format(value, "f").replace(".", ",")


def field_value(obj: models.Model, name: str) -> str:
    """The display text of `obj.<name>`, following relations; many-to-many values joined by commas."""
    field = obj._meta.get_field(name)
    if field.many_to_many:
        return display([str(o) for o in getattr(obj, name).all()])
    return display(getattr(obj, name), field)
