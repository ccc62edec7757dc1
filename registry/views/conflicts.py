"""What a save refused for a version conflict shows: the changes others saved since the version the user started
from, read from the row's django-simple-history records."""

from django.utils.text import capfirst

from isms.display import EMPTY, display

IGNORED_FIELDS = ("version", "created_at", "updated_at", "created_by", "updated_by")


def _value_text(model_field, value) -> str:
    """A historical value as the detail page shows it: choices by label, related rows by name."""
    if model_field.many_to_many:
        if not value:
            return EMPTY
        target = model_field.m2m_reverse_field_name()
        ids = [row.get(target) if isinstance(row, dict) else row for row in value]
        names = {o.pk: str(o) for o in model_field.related_model._default_manager.filter(pk__in=ids)}
        return display(sorted(names.get(i, str(i)) for i in ids))
    if model_field.is_relation and value not in (None, ""):
        related = model_field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else str(value)
    return display(value, model_field)


def changes_since(obj, version: int) -> list[dict]:
    """The fields of `obj` whose saved value now differs from their value at `version` (the version the user's form
    was opened at), each {"label", "value" (saved now), "user", "date" (of the last save that changed it)}, in the
    model's field order. Empty when the history has no record of the changes (e.g. a row changed outside the app)."""
    records = list(obj.history.select_related("history_user").order_by("history_date", "history_id"))
    start = max((i for i, r in enumerate(records) if r.version <= version), default=None)
    if start is None or start == len(records) - 1:
        return []
    base, later = records[start], records[start + 1 :]
    last_change = {}
    previous = base
    for record in later:
        for change in record.diff_against(previous, excluded_fields=IGNORED_FIELDS).changes:
            last_change[change.field] = record
        previous = record
    differing = {c.field: c.new for c in later[-1].diff_against(base, excluded_fields=IGNORED_FIELDS).changes}
    changes = []
    for model_field in obj._meta.get_fields():
        if model_field.name not in differing or model_field.name not in last_change:
            continue
        record = last_change[model_field.name]
        changes.append(
            {
                "label": capfirst(model_field.verbose_name),
                "value": _value_text(model_field, differing[model_field.name]),
                "user": record.history_user,
                "date": display(record.history_date),
            }
        )
    return changes


def conflict_context(obj, version: int, message) -> dict:
    """The template context of templates/registry/_conflict.html for a save refused because `obj` moved on from
    `version`: the message and what changed."""
    return {"message": message, "changes": changes_since(obj, version)}
