"""Generic register screens: one `Register` describes a register, and five thin views serve every register alike:
list (search, filters, sorting, 50 a page, a fixed number of queries), detail (fields, related rows, history,
comments), create, edit (with conflict detection) and delete (only when nothing refers to the row).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import ProtectedError, Q
from django.shortcuts import redirect, render
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from isms.comments import comment_view, comments_for
from isms.display import display, field_value
from isms.history import conflict_context, history_entries, merge_untouched
from isms.models import ConflictError
from isms.permissions import VIEW, capabilities, get_object_for_user, organisation_required, require, scoped

from ..forms.base import CONFLICT_MESSAGE
from ..services import register_create, register_delete, register_update

PAGE_SIZE = 50


@dataclass
class Column:
    """A list column: `name` is a model field or an attribute/property of the row; `sort` the order_by expression
    that sorts by it (None: not sortable); `label` defaults to the field's verbose name; `value`, when given, is a
    function(row) → the cell's text (or safe HTML) and replaces the field lookup."""

    name: str
    label: str = ""
    sort: str | None = None
    value: Callable | None = None


@dataclass
class Register:
    """Everything the generic views need to know about one register.

    edit_capability: the capability that changes rows (a function of the row where it depends on the row, e.g.
    recommendations of the DPO's report). related: function(request, obj) → list of panels for the detail page,
    each {"title", "template" or ("headers", "rows")}. annotate: function(request, queryset) → queryset with values
    the columns show (computed in the same query). default_sort and Column.sort may name several fields, separated
    by commas ("plan_year,position"). delete_refusal: function(request, obj) → None, or the reason the row may not
    be deleted (the delete view refuses with it and the detail page hides the button); rows that other rows still
    refer to are refused as well (see `referring_rows`; a model whose foreign key protects the row may give the
    words, see `declared_refusal`), and kept_relations names the row's own dependent rows that
    also keep it (an asset's classifications: its history). create_label: the create
    button's and form's words where "Ny <verbose name>" is wrong Swedish (a neuter noun: "Nytt styrdokument").
    create_allowed: function(request) → whether this request may create a row, where that depends on more than the
    role (recommendations: the DPO only under the DPO's annual report); without it, capability_for() decides.
    form_kwargs: function(request) → extra keyword arguments for form_class on the create and edit pages.
    edit_refusal: function(request, obj) → None, or why this user may not change the row although the role may
    (an audit report addressed to another organisation too): the edit page answers 403 with it and the detail page
    says it instead of offering the edit and delete buttons. create_service and update_service: the services that
    save the create and edit forms, with register_create's and register_update's arguments (a register with rules
    of its own enforces them there, e.g. audit_report_update); they may raise PermissionDenied (403) or
    ValidationError (shown in the form).
    """

    slug: str
    model: type
    form_class: type
    columns: list[Column]
    edit_capability: str | Callable = "edit"
    filterset_class: type | None = None
    search_fields: list[str] = field(default_factory=list)
    default_sort: str = "-id"
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()
    detail_fields: list[str] | None = None
    related: Callable | None = None
    before_save: Callable | None = None
    annotate: Callable | None = None
    delete_refusal: Callable | None = None
    kept_relations: tuple[str, ...] = ()
    create_label: str = ""
    can_create: bool = True
    can_delete: bool = True
    list_template: str = "registry/list.html"
    detail_template: str = "registry/detail.html"
    form_template: str = "registry/form.html"
    extra_urls: list = field(default_factory=list)
    # function(request) → extra context of the list page, e.g. a summary a register's list_template shows above rows
    list_context: Callable | None = None
    create_allowed: Callable | None = None
    form_kwargs: Callable | None = None
    edit_refusal: Callable | None = None
    create_service: Callable = register_create
    update_service: Callable = register_update

    @property
    def verbose_name(self) -> str:
        return str(self.model._meta.verbose_name)

    @property
    def verbose_name_plural(self) -> str:
        return str(self.model._meta.verbose_name_plural)

    def capability_for(self, obj=None) -> str:
        if callable(self.edit_capability):
            return self.edit_capability(obj)
        return self.edit_capability

    def may_create(self, request) -> bool:
        """Whether the request's user may create a row here (the create page, and the list's create button)."""
        if not self.can_create:
            return False
        if self.create_allowed is not None:
            return self.create_allowed(request)
        return self.capability_for() in capabilities(request.membership)

    def form(self, request, *args, **kwargs):
        """The register's form for this request, limited to the current organisation (and by form_kwargs)."""
        extra = self.form_kwargs(request) if self.form_kwargs else {}
        return self.form_class(*args, organisation=request.organisation, **extra, **kwargs)

    def queryset(self, request):
        queryset = scoped(request, self.model).select_related(*self.select_related)
        queryset = queryset.prefetch_related(*self.prefetch_related)
        return self.annotate(request, queryset) if self.annotate else queryset

    def url(self, action: str, *args) -> str:
        return reverse(f"registry:{self.slug}:{action}", args=args)

    def fields_for_detail(self) -> list[str]:
        if self.detail_fields is not None:
            return self.detail_fields
        hidden = {"id", "organisation", "version", "created_by", "updated_by"}
        return [
            f.name
            for f in self.model._meta.get_fields()
            if (f.concrete or f.many_to_many) and not f.auto_created and f.name not in hidden
        ]

    def urls(self):
        """URL patterns under registry/<slug>/, namespaced registry:<slug>:list|detail|create|update|delete."""
        patterns = [
            path("", lambda request: register_list(request, self), name="list"),
            path("new/", lambda request: register_create_view(request, self), name="create"),
            path("<int:pk>/", lambda request, pk: register_detail(request, self, pk), name="detail"),
            path("<int:pk>/edit/", lambda request, pk: register_update_view(request, self, pk), name="update"),
            path("<int:pk>/delete/", lambda request, pk: register_delete_view(request, self, pk), name="delete"),
            path("<int:pk>/comment/", comment_view(self), name="comment"),
            *self.extra_urls,
        ]
        return path(f"{self.slug}/", include((patterns, self.slug)))


def _order(expression: str, descending: bool = False) -> list[str]:
    """The fields of a sort expression: "a,-b" gives ["a", "-b"]; `descending` turns each one around."""
    parts = [p.strip() for p in expression.split(",") if p.strip()]
    if descending:
        parts = [p[1:] if p.startswith("-") else "-" + p for p in parts]
    return parts


def _sorted(queryset, register: Register, sort: str):
    allowed = {c.sort: c.sort for c in register.columns if c.sort}
    key = sort.lstrip("-")
    if key in allowed:
        return queryset.order_by(*_order(allowed[key], sort.startswith("-")), "pk"), sort
    return queryset.order_by(*_order(register.default_sort), "pk"), ""


def _cell(obj, column: Column) -> str:
    if column.value is not None:
        return column.value(obj)
    try:
        text = field_value(obj, column.name)
    except Exception:  # noqa: BLE001 - FieldDoesNotExist: a property or method of the row
        value = getattr(obj, column.name, None)
        return display(value() if callable(value) else value)
    if isinstance(getattr(obj, column.name, None), datetime.date):  # 2024-03-01 never breaks at its hyphens
        return format_html('<span class="text-nowrap">{}</span>', text)
    return text


def _column_label(register: Register, column: Column) -> str:
    if column.label:
        return str(column.label)
    try:
        return capfirst(register.model._meta.get_field(column.name).verbose_name)
    except Exception:  # noqa: BLE001
        return column.name


def list_rows(request, register: Register):
    """The rows the register's list shows for this request, on every page: the organisation's rows (scoped) with the
    list's annotations, filtered by the filterset, searched by `?q=` and sorted by `?sort=` as the list is. The one
    home of that selection, for the list page and its exports. Returns (queryset, filterset or None, query, sort):
    `sort` is the `?sort=` applied ("" for the default order)."""
    queryset = register.queryset(request)
    filterset = None
    if register.filterset_class:
        filterset = register.filterset_class(request.GET, queryset=queryset, request=request)
        queryset = filterset.qs
    query = request.GET.get("q", "").strip()
    if query and register.search_fields:
        condition = Q()
        for name in register.search_fields:
            condition |= Q(**{f"{name}__icontains": query})
        queryset = queryset.filter(condition).distinct()
    queryset, sort = _sorted(queryset, register, request.GET.get("sort", ""))
    return queryset, filterset, query, sort


@require_http_methods(["GET"])
@organisation_required
def register_list(request, register: Register):
    queryset, filterset, query, sort = list_rows(request, register)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    sort_params = params.copy()
    sort_params.pop("sort", None)
    headers = []
    for column in register.columns:
        header = {"label": _column_label(register, column), "sort": None, "direction": None}
        if column.sort:
            current = sort.lstrip("-") == column.sort
            descending = current and sort.startswith("-")
            header["direction"] = ("descending" if descending else "ascending") if current else None
            header["sort"] = ("" if descending or not current else "-") + column.sort
        headers.append(header)
    rows = [
        {"obj": obj, "url": register.url("detail", obj.pk), "cells": [_cell(obj, c) for c in register.columns]}
        for obj in page.object_list
    ]
    return render(
        request,
        register.list_template,
        {
            "register": register,
            "filterset": filterset,
            "query": query,
            "headers": headers,
            "rows": rows,
            "page": page,
            "page_query": params.urlencode(),
            "sort_query": sort_params.urlencode(),
            "can_create": register.may_create(request),
            **(register.list_context(request) if register.list_context else {}),
        },
    )


@require_http_methods(["GET"])
@organisation_required
def register_detail(request, register: Register, pk: int):
    obj = get_object_for_user(request, register.queryset(request), pk, capability=VIEW)
    fields = []
    for name in register.fields_for_detail():
        model_field = register.model._meta.get_field(name)
        fields.append((capfirst(model_field.verbose_name), field_value(obj, name)))
    may_change = register.capability_for(obj) in capabilities(request.membership)
    edit_refusal = register.edit_refusal(request, obj) if may_change and register.edit_refusal else None
    may_change = may_change and not edit_refusal
    may_delete = register.can_delete and may_change
    refusal = delete_refusal(request, register, obj) if may_delete else None  # said on the page, not a missing button
    return render(
        request,
        register.detail_template,
        {
            "register": register,
            "obj": obj,
            "fields": fields,
            "panels": register.related(request, obj) if register.related else [],
            "history": history_entries(obj),
            "comments": comments_for(request, obj),
            "can_edit": may_change,
            "can_delete": may_delete and not refusal,
            "delete_refusal": refusal,
            "edit_refusal": edit_refusal,
        },
    )


@require_http_methods(["GET", "POST"])
@organisation_required
def register_create_view(request, register: Register):
    if not register.may_create(request):
        raise PermissionDenied
    form = register.form(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            obj = register.create_service(
                form=form, organisation=request.organisation, user=request.user, before_save=register.before_save
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("%(name)s was saved.") % {"name": obj})
            return redirect(register.url("detail", obj.pk))
    return render(request, register.form_template, {"register": register, "form": form, "obj": None})


@require_http_methods(["GET", "POST"])
@organisation_required
def register_update_view(request, register: Register, pk: int):
    obj = get_object_for_user(request, register.queryset(request), pk)
    require(request, register.capability_for(obj))
    if register.edit_refusal and (refusal := register.edit_refusal(request, obj)):
        raise PermissionDenied(refusal)
    form = register.form(request, request.POST or None, instance=obj)
    conflict = None
    if request.method == "POST" and form.is_valid():
        started_from = form.cleaned_data["version"]
        try:
            obj = register.update_service(form=form, user=request.user, expected_version=started_from)
        except ValidationError as error:  # a rule the service checked again with the row locked
            _add_errors(form, error)
        except ConflictError:
            # Someone saved since the form was opened. Show what they changed, keep the user's input where the user
            # changed something, take their saved values where the user did not, and move the hidden version to the
            # saved one: saving again then saves the form as shown, knowingly.
            obj = get_object_for_user(request, register.queryset(request), pk)
            data, taken = merge_untouched(form, obj, started_from, register.form(request, None, instance=obj))
            conflict = conflict_context(obj, started_from, CONFLICT_MESSAGE, taken)
            data["version"] = str(obj.version)
            form = register.form(request, data, instance=obj)
        else:
            messages.success(request, _("The changes to %(name)s were saved.") % {"name": obj})
            return redirect(register.url("detail", obj.pk))
    return render(
        request, register.form_template, {"register": register, "form": form, "obj": obj, "conflict": conflict}
    )


def _add_errors(form, error: ValidationError) -> None:
    """A service's ValidationError shown in the form: on its fields where the form has them, else above it."""
    if hasattr(error, "error_dict"):
        for name, texts in error.message_dict.items():
            form.add_error(name if name in form.fields else None, texts)
    else:
        form.add_error(None, error.messages)


def referring_rows(obj, kept_relations: tuple[str, ...] = ()) -> list[str]:
    """What still refers to `obj`, as ["2 personuppgiftsbehandlingar", "1 incident"]: rows linking to it many to
    many (deleting would silently cut the link out of their record), rows whose foreign key protects it, and the
    relations named in `kept_relations`. One COUNT per relation; [] when nothing does."""
    found = []
    for relation in obj._meta.related_objects:
        blocking = (
            relation.many_to_many
            or relation.on_delete is models.PROTECT
            or relation.get_accessor_name() in kept_relations
        )
        if not blocking:
            continue
        count = relation.related_model._default_manager.filter(**{relation.field.name: obj}).count()
        if count:
            meta = relation.related_model._meta
            found.append(f"{count} {meta.verbose_name if count == 1 else meta.verbose_name_plural}")
    return found


def declared_refusal(obj) -> str | None:
    """Why `obj` may not be deleted in the words of a model whose foreign key protects it (on_delete=PROTECT, also
    without a reverse accessor), when one of its rows refers to `obj`: that model's `delete_refusals`, a dict from
    the foreign key's name to the message. So a model of another app (the review's Decision, ReviewFactor) says why
    an action or a factor stays, and the registers name no model of it. None when no such row refers to `obj`. One
    query per relation with a message."""
    for relation in obj._meta.get_fields(include_hidden=True):
        protects = relation.auto_created and not relation.concrete and not relation.many_to_many
        if not protects or getattr(relation, "on_delete", None) is not models.PROTECT:
            continue
        refusal = getattr(relation.related_model, "delete_refusals", {}).get(relation.field.name)
        if refusal and relation.related_model._default_manager.filter(**{relation.field.name: obj}).exists():
            return str(refusal)
    return None


def delete_refusal(request, register: Register, obj) -> str | None:
    """Why `obj` may not be deleted, or None: the register's own rule first, then the words of a model that protects
    it (declared_refusal), then what still refers to it."""
    if register.delete_refusal and (refusal := register.delete_refusal(request, obj)):
        return refusal
    if refusal := declared_refusal(obj):
        return refusal
    found = referring_rows(obj, register.kept_relations)
    if not found:
        return None
    listed = (
        found[0]
        if len(found) == 1
        else _("%(first)s and %(last)s")
        % {
            "first": ", ".join(found[:-1]),
            "last": found[-1],
        }
    )
    return _(
        "%(name)s cannot be deleted: %(references)s refer to it. Change its status instead; then everything is kept."
    ) % {"name": obj, "references": listed}


@require_http_methods(["GET", "POST"])
@organisation_required
def register_delete_view(request, register: Register, pk: int):
    obj = get_object_for_user(request, register.queryset(request), pk)
    if not register.can_delete:
        raise PermissionDenied
    require(request, register.capability_for(obj))
    refusal = delete_refusal(request, register, obj)
    if refusal:
        messages.error(request, refusal)
        return redirect(register.url("detail", obj.pk))
    if request.method == "POST":
        try:
            register_delete(obj=obj, user=request.user)
        except ProtectedError:
            messages.error(
                request,
                _(
                    "%(name)s cannot be deleted because other records refer to it. Change the status to "
                    "decommissioned or closed instead."
                )
                % {"name": obj},
            )
            return redirect(register.url("detail", obj.pk))
        messages.success(request, _("%(name)s was deleted.") % {"name": obj})
        return redirect(register.url("list"))
    return render(request, "registry/confirm_delete.html", {"register": register, "obj": obj})


def render_child_form(request, register: Register, form, *, parent, heading: str):
    """The form page for a row made from another row's page (a classification of an asset, a note on a
    recommendation …): the generic form template, cancelling back to `parent`'s detail page of `register`."""
    return render(
        request,
        register.form_template,
        {"register": register, "form": form, "obj": None, "parent": parent, "heading": heading},
    )
