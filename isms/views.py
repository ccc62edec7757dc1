from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from .permissions import SESSION_KEY, organisation_required


@require_http_methods(["GET", "POST"])
@login_required
def choose_organisation(request):
    """Pick the organisation to work in; remembered in the session and shown in the header."""
    if request.method == "POST":
        wanted = request.POST.get("organisation", "")
        for membership in request.memberships:
            if str(membership.organisation_id) == wanted:
                request.session[SESSION_KEY] = membership.organisation_id
                return redirect("home")
    return render(request, "isms/choose_organisation.html", {"memberships": request.memberships})


@organisation_required
def home(request):
    """The start page: the organisation's dashboard."""
    from registry.views.dashboard import dashboard

    return dashboard(request)
