"""The floor's admin: organisations and memberships, and what every register's admin page shares: the edit version
travels with the change form, so that saving over a newer version of the row is refused as the register forms refuse
it, and the rows record who created and changed them. The version itself moves in the model's save
(isms.models.TimeStampedModel), like on every other path."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import ConflictError, Membership, Organisation

VERSION_FIELD = "opened_version"
REVERTING = "lis_admin_reverting"  # set on the request while simple_history reverts a row

ADMIN_CONFLICT_MESSAGE = _(
    "Someone else has saved this record since you opened it, so your changes have not been saved. Open the record "
    "again to see the saved version, then make your changes again."
)


class VersionedAdminForm(forms.ModelForm):
    """An admin change form (or inline row) that carries the version of the row it was opened at, hidden; a save
    over a newer stored version is refused with ADMIN_CONFLICT_MESSAGE. Without the field (a hand-made request)
    the version read when the save began is used."""

    # No label: the admin writes a label even for a hidden field (hidden by its CSS, still in the page and in an
    # inline table's header), and there is nothing for anyone to read about it.
    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False, label="")
    # An admin change form writes every field it shows, changed or not, so even an unchanged one is checked.
    check_unchanged = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and not self.is_bound:
            self.initial[VERSION_FIELD] = self.instance.version

    def has_changed(self):
        # The hidden version alone is no change: an untouched inline row stays unsaved.
        return bool([name for name in self.changed_data if name != VERSION_FIELD])

    def clean(self):
        data = super().clean()
        opened = data.get(VERSION_FIELD)
        moved = self.instance.pk is not None and opened is not None and opened != self.instance.version
        if moved and (self.check_unchanged or self.has_changed()):
            raise ValidationError(ADMIN_CONFLICT_MESSAGE, code="conflict")
        return data


class VersionedAdminMixin:
    """For the ModelAdmin and the inlines of TimeStampedModel rows: the form carries the opened version (see
    VersionedAdminForm), the row records the admin user as its creator and last changer (the history records them
    through simple_history's request middleware), and a save that meets a newer version at the last moment (after
    the form was checked) is rolled back and reported, never half done."""

    form = VersionedAdminForm

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        return fields if VERSION_FIELD in fields else [*fields, VERSION_FIELD]


class RegisterAdmin(VersionedAdminMixin):
    """Mix into a ModelAdmin (before SimpleHistoryAdmin) of a TimeStampedModel."""

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        elif getattr(request, REVERTING, False):
            # A revert writes an old state over the row as it is now: from the stored version on, so the version
            # moves past every edit since, and an edit opened before the revert meets a conflict.
            obj.version = type(obj)._base_manager.filter(pk=obj.pk).values_list("version", flat=True).get()
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for row in formset.save(commit=False):
            if row.pk is None:
                row.created_by = request.user
            row.updated_by = request.user
            row.save()
        for row in formset.deleted_objects:
            row._history_user = request.user
            row.delete()
        formset.save_m2m()

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ConflictError:
            messages.error(request, ADMIN_CONFLICT_MESSAGE)
            return HttpResponseRedirect(request.get_full_path())

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """simple_history's revert to an earlier version (POST), saved over the stored version (see save_model)."""
        if request.method == "POST":
            setattr(request, REVERTING, True)
        try:
            return super().history_form_view(request, object_id, version_id, extra_context)
        except ConflictError:
            messages.error(request, ADMIN_CONFLICT_MESSAGE)
            return HttpResponseRedirect(request.get_full_path())


class VersionedInlineForm(VersionedAdminForm):
    # A formset saves only the rows changed in it: a row left as it was overwrites nothing.
    check_unchanged = False


class VersionedInline(VersionedAdminMixin):
    """Mix into an inline (before TabularInline/StackedInline) of TimeStampedModel rows."""

    form = VersionedInlineForm


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "is_active"]
    search_fields = ["code", "name"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role", "organisation"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user", "organisation"]
