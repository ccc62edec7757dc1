"""A row's history as people read it, from its django-simple-history records: the changes listed on a detail page
(history_entries), and what a save refused for a version conflict shows, the changes others saved since the version
the user started from (conflict_context, changes_since, merge_untouched)."""

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.http import QueryDict
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .display import EMPTY, display

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


def _records_since(obj, version: int):
    """(the history record of `version`, the records after it), or (None, []) when the history cannot say."""
    records = list(obj.history.select_related("history_user").order_by("history_date", "history_id"))
    start = max((i for i, r in enumerate(records) if r.version <= version), default=None)
    if start is None or start == len(records) - 1:
        return None, []
    return records[start], records[start + 1 :]


def _widget_data(bound) -> dict[str, list[str] | None]:
    """The POST data (name → values, None: absent, as an unticked box) that would make the unbound form field
    `bound` come back with its current value: read from the widget's own rendering context, so select, checkbox,
    date and the split date-time widgets all work."""
    widget = bound.field.widget
    context = widget.get_context(bound.html_name, bound.value(), {})["widget"]
    parts = context["subwidgets"] if isinstance(widget, forms.MultiWidget) else [context]
    data = {}
    for part in parts:
        if part.get("type") == "checkbox":
            data[part["name"]] = ["on"] if part["attrs"].get("checked") else None
        elif isinstance(part["value"], list):
            data[part["name"]] = [str(v) for v in part["value"] if v is not None]
        else:
            data[part["name"]] = [] if part["value"] is None else [str(part["value"])]
    return data


def merge_untouched(form, obj, version: int, saved_form) -> tuple[QueryDict, set[str]]:
    """`form`'s POST data (refused: `obj` moved on from `version`) with every field the user left as it was at
    `version` but someone else has changed since set to the saved value, so that saving again keeps the other
    person's change; the fields the user changed keep the user's input. `saved_form`: an unbound form of `obj` as
    saved now. Returns the data and the names of the fields taken from the saved row. Many-to-many fields keep
    the user's input (the conflict table shows what it would replace)."""
    data = form.data.copy()
    base, later = _records_since(obj, version)
    taken = set()
    if base is None:
        return data, taken
    for name, value in form.cleaned_data.items():
        try:
            model_field = obj._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if model_field.many_to_many or not model_field.concrete or name in IGNORED_FIELDS:
            continue
        mine = value.pk if model_field.is_relation and value is not None else value
        before, now = getattr(base, model_field.attname), getattr(obj, model_field.attname)
        if mine == before and now != before:
            for key, values in _widget_data(saved_form[name]).items():
                if values is None:
                    data.pop(key, None)
                else:
                    data.setlist(key, values)
            taken.add(name)
    return data, taken


def changes_since(obj, version: int, taken: set[str] = frozenset()) -> list[dict]:
    """The fields of `obj` whose saved value now differs from their value at `version` (the version the user's form
    was opened at), each {"label", "value" (saved now), "user", "date" (of the last save that changed it), "taken"
    (in `taken`: the form now shows the saved value)}, in the model's field order. Empty when the history has no
    record of the changes (e.g. a row changed outside the app)."""
    base, later = _records_since(obj, version)
    if base is None:
        return []
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
                "taken": model_field.name in taken,
            }
        )
    return changes


def conflict_context(obj, version: int, message, taken: set[str] = frozenset()) -> dict:
    """The template context of templates/isms/_conflict.html for a save refused because `obj` moved on from
    `version`: the message and what changed (`taken`: the fields the form now shows as saved, merge_untouched)."""
    return {"message": message, "changes": changes_since(obj, version, taken)}


def _m2m_names(model_field, rows) -> str:
    """The related rows' names in a history diff of a many-to-many field, where simple-history gives the through
    table's rows as dicts ({"auditreport": 2, "organisation": 1}). One query."""
    if not rows:
        return EMPTY
    target = model_field.m2m_reverse_field_name()
    ids = [row.get(target) if isinstance(row, dict) else row for row in rows]
    names = {o.pk: str(o) for o in model_field.related_model._default_manager.filter(pk__in=ids)}
    return display([names.get(i, str(i)) for i in ids])


def history_entries(obj, limit: int = 50) -> list[dict]:
    """The row's changes, newest first: when, who, what kind, and each changed field as (label, old, new).
    Two queries: the history records with their users; the diffs are computed in memory."""
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous, excluded_fields=["version", "updated_at", "updated_by"])
            for change in delta.changes:
                model_field = obj._meta.get_field(change.field)
                if model_field.many_to_many:
                    old, new = _m2m_names(model_field, change.old), _m2m_names(model_field, change.new)
                else:
                    old, new = display(change.old, model_field), display(change.new, model_field)
                changes.append((capfirst(model_field.verbose_name), old, new))
        entries.append(
            {
                "date": record.history_date,
                "user": record.history_user,
                "kind": {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}[record.history_type],
                "changes": changes,
            }
        )
    return entries
