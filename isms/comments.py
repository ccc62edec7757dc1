"""Comments on rows (isms.models.Comment): the form, who may write one, the comments of a row for its page, and the
view that adds one to a register row. Shown on every register row's detail page; the review's sections use the form
too. Written by those whose role may comment or edit."""

from django import forms
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from .models import Comment
from .permissions import COMMENT, EDIT, capabilities, get_object_for_user, organisation_required


class CommentForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("New comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        error_messages={"required": gettext_lazy("Write a comment before saving.")},
    )


def can_comment(request) -> bool:
    return bool({COMMENT, EDIT} & capabilities(request.membership))


def comments_for(request, obj) -> dict:
    """{"items": the row's comments, oldest first, with authors; "form": a CommentForm or None}. One query."""
    items = Comment.objects.filter(
        organisation=request.organisation,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
    ).select_related("author")
    return {"items": list(items), "form": CommentForm() if can_comment(request) else None}


def comment_view(register):
    """The POST view that adds a comment to a row of `register`, then returns to the row's page. `register` gives
    the rows the user may see, `register.queryset(request)`, and the page of a row, `register.url("detail", pk)`
    (registry.views.base.Register; its URL registry:<slug>:comment)."""

    @require_POST
    @organisation_required
    def view(request, pk):
        obj = get_object_for_user(request, register.queryset(request), pk, capability=(COMMENT, EDIT))
        form = CommentForm(request.POST)
        if form.is_valid():
            Comment.objects.create(
                organisation=request.organisation,
                content_type=ContentType.objects.get_for_model(obj),
                object_id=obj.pk,
                author=request.user,
                author_role=request.membership.role,
                text=form.cleaned_data["text"],
                created_by=request.user,
                updated_by=request.user,
            )
            messages.success(request, _("The comment was saved."))
        else:
            messages.error(request, form.errors["text"][0])
        return redirect(register.url("detail", obj.pk))

    return view
