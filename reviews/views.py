"""The management review screens (DESIGN.md §4): the list, the overview with the workflow's steps, one page per
section, the external factors, the settings, approval with decisions, comments, and the PDF.

Views are thin: the review is fetched through the scoped permission check (another organisation's review is a 404, a
draft to a role without VIEW_DRAFTS a 403, a step the role may never take a 403), the form is validated, and the
workflow service decides whether the step is allowed now; its WorkflowError becomes an error message.
"""

import logging

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from isms.comments import CommentForm
from isms.history import conflict_context
from isms.models import Comment, ConflictError, Role
from isms.pdf import PDF_LANGUAGE
from isms.permissions import (
    APPROVE,
    COMMENT,
    PREPARE_REVIEW,
    VIEW,
    VIEW_DRAFTS,
    get_object_for_user,
    has,
    organisation_required,
    require,
    scoped,
)
from isms.security import SlotTaken
from registry.models import ExternalFactor

from . import pdf as review_pdf
from . import sections as s
from . import services
from .compiler import content_fingerprint, review_fingerprint
from .forms import (
    ApproveForm,
    DecisionFormSet,
    FactorFormSet,
    ReturnForm,
    SectionForm,
    SettingsForm,
    StartForm,
)
from .models import ManagementReview, ReviewSection, ReviewStatus
from .preview import (
    compiled_for_display,
    draft_render_slot,
    figures_by_section,
    figures_context,
    placeholder_values,
    section_preview,
)
from .selectors import decisions_due_before_approval, section_comments
from .services import ContentChangedError, WorkflowError

logger = logging.getLogger(__name__)

CONFLICT_MESSAGE = gettext_lazy(
    "Someone else saved changes to the section while you were writing. Your text has not been saved but is still in "
    "the form; what the other person changed is listed below. Save again to replace the saved text with yours, or "
    "cancel to keep theirs."
)

SETTINGS_CONFLICT_MESSAGE = gettext_lazy(
    "Someone else changed the review details while you were editing them. Your changes have not been saved but are "
    "still in the form; what the other person changed is listed below. Save again to replace the saved details "
    "with yours, or cancel to keep theirs."
)


def _rebased(request, version: int):
    """The posted form data with the hidden version moved to `version` (the one saved now), so that saving the
    kept input again replaces the newer version knowingly instead of being refused forever."""
    data = request.POST.copy()
    data["version"] = str(version)
    return data


# --- Fetching ----------------------------------------------------------------------------------------------------


def _reviews(request):
    return scoped(request, ManagementReview).select_related("organisation", "submitted_by", "approved_by")


def get_review(request, pk, *, capability=VIEW) -> ManagementReview:
    """The review `pk` of the current organisation (404 otherwise); 403 unless the role grants `capability`, and
    403 for a review that is not approved to a role that may not see drafts."""
    review = get_object_for_user(request, _reviews(request), pk, capability=capability)
    if not review.is_approved and not has(request, VIEW_DRAFTS):
        raise PermissionDenied
    return review


def get_section(request, review, key) -> ReviewSection:
    if key not in s.SECTION_BY_KEY:
        raise Http404
    section = review.sections.filter(key=key).first()
    if section is None:
        raise Http404
    section.review = review
    return section


def _refused(request, error: WorkflowError, review: ManagementReview):
    messages.error(request, error.message)
    return redirect("reviews:detail", review.pk)


# --- List and start ----------------------------------------------------------------------------------------------


def _list_page(request, start_form=None):
    reviews = _reviews(request).order_by("-plan_year", "-revision")
    if not has(request, VIEW_DRAFTS):
        reviews = reviews.filter(status=ReviewStatus.APPROVED)
    context = {"reviews": list(reviews), "can_view_drafts": has(request, VIEW_DRAFTS), "start_form": None}
    if has(request, PREPARE_REVIEW):
        latest = scoped(request, ManagementReview).aggregate(year=Max("plan_year"))["year"]
        context["suggested_year"] = (latest or timezone.localdate().year) + 1
        context["start_form"] = start_form or StartForm(initial={"plan_year": context["suggested_year"]})
    return render(request, "reviews/list.html", context)


@require_GET
@organisation_required
def review_list(request):
    return _list_page(request)


@require_POST
@organisation_required
def review_start(request):
    require(request, PREPARE_REVIEW)
    form = StartForm(request.POST)
    if not form.is_valid():
        return _list_page(request, form)
    try:
        review = services.review_start(
            organisation=request.organisation, plan_year=form.cleaned_data["plan_year"], user=request.user
        )
    except WorkflowError as error:
        messages.error(request, error.message)
        return redirect("reviews:list")
    messages.success(request, _("The review for %(year)d has been started.") % {"year": review.plan_year})
    return redirect("reviews:detail", review.pk)


# --- Overview ----------------------------------------------------------------------------------------------------


def _section_comments(request, review) -> dict[int, list[Comment]]:
    """The comments on each of the review's sections, by section id, oldest first, each with its author's role
    label; none for roles that do not see drafts (the comments are the review's preparation)."""
    if not has(request, VIEW_DRAFTS):
        return {}
    comments = section_comments(review)
    labels = dict(Role.choices)
    for items in comments.values():
        for comment in items:
            comment.role_label = labels.get(comment.author_role, "")
    return comments


def _entries(review, compiled, rows, comments) -> list[dict]:
    """The overview's sections in the template's order: each row of the review with its compiled content (None
    when left out of the report), and the external factors' sub-sections after "Faktorer som påverkar"."""
    compiled_by_key = {c.key: c for c in compiled.sections}
    factor_sections = [c for c in compiled.sections if c.key.startswith("factor-")]
    entries = []
    for index, spec in enumerate(s.SECTIONS):
        row = rows.get(spec.key)
        following = s.SECTIONS[index + 1] if index + 1 < len(s.SECTIONS) else None
        if row is None:
            continue
        title = spec.title
        if spec.key in s.PLAN_YEAR_KEYS:
            title = str(review.plan_year + s.PLAN_YEAR_KEYS.index(spec.key))
        entries.append(
            {
                "key": spec.key,
                "kind": "section",
                "row": row,
                "title": title,
                "level": spec.level,
                "parent": following is not None and following.level > spec.level,
                "compiled": compiled_by_key.get(spec.key),
                "comments": comments.get(row.pk, []),
                "open_comments": sum(1 for c in comments.get(row.pk, []) if not c.answered_at),
            }
        )
        if spec.key == s.FACTORS:
            for factor in factor_sections:
                entries.append(
                    {
                        "key": factor.key,
                        "kind": "factor",
                        "row": None,
                        "title": factor.title,
                        "level": 2,
                        "compiled": factor,
                    }
                )
    for extra in compiled.sections:  # "Beslut" (reviews.compiler.DECISIONS), after the template's sections
        if extra.key not in s.SECTION_BY_KEY and not extra.key.startswith("factor-"):
            entries.append(
                {"key": extra.key, "kind": "extra", "row": None, "title": extra.title, "level": 1, "compiled": extra}
            )
    return entries


def _actions(request, review) -> dict:
    """What the current user may do with the review now (the services check again on every POST)."""
    draft, in_review = review.status == ReviewStatus.DRAFT, review.status == ReviewStatus.IN_REVIEW
    prepare = has(request, PREPARE_REVIEW)
    return {
        "can_edit": prepare and draft,
        "can_submit": prepare and draft,
        "can_decide": has(request, APPROVE) and in_review,
        "can_comment": has(request, COMMENT) and in_review,
        "can_answer": prepare and not review.is_approved,
        "can_revise": prepare and review.is_approved and not review.revisions.exists(),
    }


def _verify_url(review) -> str | None:
    """The verification page's answer for this review's stored PDF, where that page exists (branch wf)."""
    if not review.pdf_sha256:
        return None
    try:
        return reverse("verify") + "?" + urlencode({"sha256": review.pdf_sha256})
    except NoReverseMatch:
        return None


@require_GET
@organisation_required
def review_detail(request, pk):
    review = get_review(request, pk)
    compiled = compiled_for_display(review)
    rows = {row.key: row for row in review.sections.all()}
    comments = _section_comments(request, review)
    context = {
        "review": review,
        "compiled": compiled,
        "entries": _entries(review, compiled, rows, comments),
        "open_comments": sum(1 for items in comments.values() for c in items if not c.answered_at),
        "return_form": ReturnForm(),
        "comment_form": CommentForm(),
        "revisions": list(review.revisions.all()),
        "decision_actions": list(review.decisions.filter(action__isnull=False).select_related("action")),
        "can_view_comments": has(request, VIEW_DRAFTS),
        "verify_url": _verify_url(review),
        **_actions(request, review),
    }
    if context["can_decide"]:  # the approval is tied to the content this page shows
        same_language = translation.get_language() == PDF_LANGUAGE
        context["approve_fingerprint"] = content_fingerprint(compiled) if same_language else review_fingerprint(review)
    return render(request, "reviews/detail.html", context)


# --- Editing (coordinator, draft) --------------------------------------------------------------------------------


def _only_drafts(request, review):
    """GET of an edit page of a review that is no longer a draft: back to the overview with the reason."""
    messages.error(request, _("The review can only be changed while it is a draft."))
    return redirect("reviews:detail", review.pk)


@require_http_methods(["GET", "POST"])
@organisation_required
def section_edit(request, pk, key):
    review = get_review(request, pk, capability=PREPARE_REVIEW)
    section = get_section(request, review, key)
    if review.status != ReviewStatus.DRAFT and request.method == "GET":
        return _only_drafts(request, review)
    conflict = None
    if request.method == "POST":
        form = SectionForm(request.POST)
        if form.is_valid() and "preview" not in request.POST:
            data = form.cleaned_data
            started_from = data["version"] or section.version
            try:
                services.review_section_update(
                    section=section,
                    user=request.user,
                    narrative=data["narrative"],
                    included=data["included"],
                    show_figures=data["show_figures"],
                    expected_version=started_from,
                )
            except ConflictError:
                section.refresh_from_db()
                conflict = conflict_context(section, started_from, CONFLICT_MESSAGE)
                form = SectionForm(_rebased(request, section.version))
            except WorkflowError as error:
                if review.status != ReviewStatus.DRAFT:
                    return _refused(request, error, review)
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The section was saved."))
                if "save_next" in request.POST:
                    following = _next_section(review, key)
                    if following:
                        return redirect("reviews:section", review.pk, following)
                return redirect(reverse("reviews:detail", args=[review.pk]) + f"#avsnitt-{key}")
    else:
        form = SectionForm(
            initial={
                "narrative": section.narrative,
                "included": section.included,
                "show_figures": section.show_figures,
                "version": section.version,
            }
        )
    narrative = form.data.get("narrative", section.narrative) if form.is_bound else section.narrative
    show_figures = ("show_figures" in form.data) if form.is_bound else section.show_figures
    spec = s.SECTION_BY_KEY[key]
    title = spec.title
    if key in s.PLAN_YEAR_KEYS:
        title = str(review.plan_year + s.PLAN_YEAR_KEYS.index(key))
    figures = figures_context(review)  # one fetch of the registers for the three compiles below
    context = {
        "review": review,
        "section": section,
        "spec": spec,
        "title": title,
        "form": form,
        "figures": figures_by_section(review, figures).get(key, []),
        "preview": section_preview(review, section, narrative=narrative, show_figures=show_figures, context=figures),
        "figures_in_preview": show_figures,
        "previewing": "preview" in request.POST,
        "placeholders": placeholder_values(review, key, figures),
        "next_key": _next_section(review, key),
        "conflict": conflict,
    }
    return render(request, "reviews/section.html", context)


def _next_section(review, key) -> str | None:
    keys = set(review.sections.values_list("key", flat=True))
    order = [spec.key for spec in s.SECTIONS if spec.key in keys]
    index = order.index(key) if key in order else -1
    return order[index + 1] if 0 <= index < len(order) - 1 else None


@require_http_methods(["GET", "POST"])
@organisation_required
def review_factors(request, pk):
    review = get_review(request, pk, capability=PREPARE_REVIEW)
    if review.status != ReviewStatus.DRAFT and request.method == "GET":
        return _only_drafts(request, review)
    chosen = {rf.factor_id: rf for rf in review.factors.all()}
    factors = list(
        scoped(request, ExternalFactor).order_by("position", "title")
    )  # the organisation's factors, in force or chosen
    factors = [f for f in factors if f.pk in chosen or f.valid_to is None or f.valid_to >= review.cutoff_date]
    by_id = {f.pk: f for f in factors}
    if request.method == "POST":
        formset = FactorFormSet(request.POST)
        if formset.is_valid():
            picked = []
            for index, form in enumerate(formset.forms):
                data = form.cleaned_data
                factor = by_id.get(data.get("factor_id"))
                if factor is None or not data.get("included"):
                    continue
                picked.append((data.get("position") or 999, index, factor, data.get("text_override", "").strip()))
            picked.sort(key=lambda item: (item[0], item[1]))
            try:
                services.review_factors_set(
                    review=review, user=request.user, factors=[(f, text) for _p, _i, f, text in picked]
                )
            except WorkflowError as error:
                return _refused(request, error, review)
            messages.success(request, _("The external factors were saved."))
            return redirect(reverse("reviews:detail", args=[review.pk]) + "#avsnitt-factors")
    else:
        ordered = sorted(factors, key=lambda f: (0, chosen[f.pk].position) if f.pk in chosen else (1, 0))
        initial = []
        for number, factor in enumerate(ordered, start=1):
            rf = chosen.get(factor.pk)
            initial.append(
                {
                    "factor_id": factor.pk,
                    "included": rf is not None,
                    "position": number if rf is not None else None,
                    "text_override": rf.text_override if rf else "",
                }
            )
        formset = FactorFormSet(initial=initial)
    rows = [(form, by_id.get(_factor_id(form))) for form in formset.forms]
    return render(
        request,
        "reviews/factors.html",
        {"review": review, "formset": formset, "rows": [(f, factor) for f, factor in rows if factor]},
    )


def _factor_id(form):
    value = form["factor_id"].value()
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@require_http_methods(["GET", "POST"])
@organisation_required
def review_settings(request, pk):
    review = get_review(request, pk, capability=PREPARE_REVIEW)
    if review.status != ReviewStatus.DRAFT and request.method == "GET":
        return _only_drafts(request, review)
    form = SettingsForm(request.POST or None, instance=review)
    conflict = None
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in SettingsForm.Meta.fields}
        started_from = form.cleaned_data["version"]
        try:
            services.review_update(review=review, user=request.user, expected_version=started_from, **fields)
        except ValidationError as error:  # a rule of the model, e.g. the cut-off date's range: said on its field
            form.add_error(None, error)
        except ConflictError:
            review = get_review(request, pk, capability=PREPARE_REVIEW)
            conflict = conflict_context(review, started_from, SETTINGS_CONFLICT_MESSAGE)
            form = SettingsForm(_rebased(request, review.version), instance=review)
        except WorkflowError as error:
            return _refused(request, error, review)
        else:
            messages.success(request, _("The review details were saved."))
            return redirect("reviews:detail", review.pk)
    return render(request, "reviews/settings.html", {"review": review, "form": form, "conflict": conflict})


# --- Workflow steps ----------------------------------------------------------------------------------------------


@require_POST
@organisation_required
def review_submit(request, pk):
    review = get_review(request, pk, capability=PREPARE_REVIEW)
    try:
        services.review_submit(review=review, user=request.user)
    except WorkflowError as error:
        return _refused(request, error, review)
    messages.success(
        request,
        _(
            "The review has been submitted and is now in review. The head of administration and the DPO can "
            "now read it."
        ),
    )
    return redirect("reviews:detail", review.pk)


@require_http_methods(["GET", "POST"])
@organisation_required
def review_return(request, pk):
    review = get_review(request, pk, capability=APPROVE)
    form = ReturnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_return(review=review, user=request.user, reason=form.cleaned_data["reason"])
        except WorkflowError as error:
            return _refused(request, error, review)
        messages.success(request, _("The review has been sent back to the coordinator."))
        return redirect("reviews:detail", review.pk)
    if request.method == "GET" and review.status != ReviewStatus.IN_REVIEW:
        messages.error(request, _("Only a review that is in review can be sent back."))
        return redirect("reviews:detail", review.pk)
    return render(request, "reviews/return.html", {"review": review, "form": form})


@require_http_methods(["GET", "POST"])
@organisation_required
def review_approve(request, pk):
    review = get_review(request, pk, capability=APPROVE)
    if request.method == "GET" and review.status != ReviewStatus.IN_REVIEW:
        messages.error(request, _("Only a review that is in review can be approved."))
        return redirect("reviews:detail", review.pk)
    kwargs = {"form_kwargs": {"plan_years": review.plan_years}, "prefix": "decisions"}
    if request.method == "POST":
        data = request.POST
        if "add_row" in data:  # one more empty decision row, keeping what was typed
            data = data.copy()
            data["decisions-TOTAL_FORMS"] = str(int(data.get("decisions-TOTAL_FORMS", 0) or 0) + 1)
            confirm = ApproveForm(initial={"fingerprint": data.get("fingerprint", "")})
            return _approve_page(request, review, DecisionFormSet(data, **kwargs), confirm)
        formset, confirm = DecisionFormSet(data, **kwargs), ApproveForm(data)
        if formset.is_valid() and confirm.is_valid():
            try:
                review = services.review_approve(
                    review=review,
                    user=request.user,
                    decisions=formset.decisions(),
                    expected_fingerprint=confirm.cleaned_data["fingerprint"],
                )
            except ContentChangedError as error:
                # The decisions typed stay; the confirmation is asked for again, for the content as it is now.
                messages.error(request, error.message)
                confirm = ApproveForm(initial={"fingerprint": review_fingerprint(review)})
                return _approve_page(request, review, formset, confirm)
            except WorkflowError as error:
                return _refused(request, error, review)
            messages.success(
                request,
                _("The review has been approved. The PDF has been saved and can be verified; it will never change."),
            )
            for decision in decisions_due_before_approval(review):
                messages.warning(
                    request,
                    _(
                        "Decision %(number)s has a due date, %(date)s, that had already passed when the review was "
                        "approved. Check the date; where the decision created an action, correct the action's due "
                        "date in the plan."
                    )
                    % {"number": decision.position, "date": decision.due_date.isoformat()},
                )
            return redirect("reviews:detail", review.pk)
        return _approve_page(request, review, formset, confirm)
    fingerprint = request.GET.get("fingerprint", "")
    if not ApproveForm.base_fields["fingerprint"].regex.match(fingerprint):  # opened without the review page's
        fingerprint = review_fingerprint(review)
    return _approve_page(request, review, DecisionFormSet(**kwargs), ApproveForm(initial={"fingerprint": fingerprint}))


def _approve_page(request, review, formset, confirm):
    comments = _section_comments(request, review)
    open_comments = sum(1 for items in comments.values() for c in items if not c.answered_at)
    context = {"review": review, "formset": formset, "confirm": confirm, "open_comments": open_comments}
    return render(request, "reviews/approve.html", context)


@require_POST
@organisation_required
def review_revise(request, pk):
    review = get_review(request, pk, capability=PREPARE_REVIEW)
    try:
        revision = services.review_revise(review=review, user=request.user)
    except WorkflowError as error:
        return _refused(request, error, review)
    messages.success(
        request,
        _("Revision %(n)d has been started as a draft. The approved review is unchanged.") % {"n": revision.revision},
    )
    return redirect("reviews:detail", revision.pk)


@require_POST
@organisation_required
def section_comment(request, pk, key):
    review = get_review(request, pk, capability=COMMENT)
    section = get_section(request, review, key)
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["text"][0])
    else:
        try:
            services.review_comment(section=section, user=request.user, text=form.cleaned_data["text"])
        except WorkflowError as error:
            return _refused(request, error, review)
        messages.success(request, _("The comment was saved."))
    return redirect(reverse("reviews:detail", args=[review.pk]) + f"#avsnitt-{key}")


@require_POST
@organisation_required
def comment_answer(request, pk, comment_pk):
    review = get_review(request, pk, capability=PREPARE_REVIEW)
    sections = review.sections.values_list("pk", flat=True)
    comment = (
        Comment.objects.filter(
            organisation=request.organisation,
            content_type=ContentType.objects.get_for_model(ReviewSection),
            object_id__in=list(sections),
            pk=comment_pk,
        )
        .select_related("author")
        .first()
    )
    if comment is None:
        raise Http404
    key = next((row.key for row in review.sections.all() if row.pk == comment.object_id), "")
    try:
        services.review_comment_answer(comment=comment, user=request.user)
    except WorkflowError as error:
        return _refused(request, error, review)
    messages.success(request, _("The comment has been marked as answered."))
    return redirect(reverse("reviews:detail", args=[review.pk]) + f"#avsnitt-{key}")


# --- PDF -------------------------------------------------------------------------------------------------------


def _render_busy(request, review, taken: SlotTaken) -> HttpResponse:
    """429: the user's previous draft render still runs, or too many do across the site."""
    response = render(request, "reviews/render_busy.html", {"review": review, "own": taken.own}, status=429)
    response["Retry-After"] = "30"
    return response


def _pdf_response(request, pk, disposition: str) -> HttpResponse:
    review = get_review(request, pk)
    try:
        if review.is_approved:  # the stored file: nothing is rendered
            data = review_pdf.review_pdf_bytes(review)
        else:
            with draft_render_slot(request.user):
                data = review_pdf.review_pdf_bytes(review)
    except SlotTaken as taken:
        return _render_busy(request, review, taken)
    except review_pdf.StoredPdfMissing as error:
        # The approved file is gone or no longer the approved bytes: nothing else is ever served in its place.
        logger.error("%s", error)
        messages.error(
            request,
            _(
                "The approved PDF cannot be provided: the stored file is missing or no longer matches the checksum "
                "from approval. Contact the administrator of LIS-portalen."
            ),
        )
        return redirect("reviews:detail", review.pk)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'{disposition}; filename="{review_pdf.review_filename(review)}"'
    response["Cache-Control"] = "private, no-store" if not review.is_approved else "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
@organisation_required
def review_pdf_download(request, pk):
    return _pdf_response(request, pk, "attachment")


@require_GET
@organisation_required
def review_pdf_preview(request, pk):
    return _pdf_response(request, pk, "inline")
