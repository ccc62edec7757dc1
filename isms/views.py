from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_http_methods

from .permissions import SESSION_KEY


class LogoutView(auth_views.LogoutView):
    """Sign out (by POST) and say so on the sign-in page it leads to. The message outlives the ended session in
    the messages cookie. A GET asks first, as signing out by merely opening an address would let any page do it."""

    http_method_names = ["get", "post", "options"]

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("You are signed out."))
        return response

    def get(self, request, *args, **kwargs):
        """A typed or bookmarked /accounts/logout/: a button to sign out (signed in), else the sign-in page."""
        if request.user.is_authenticated:
            return render(request, "registration/logout_confirm.html")
        return redirect(settings.LOGIN_URL)


@require_http_methods(["GET", "POST"])
@login_required
def choose_organisation(request):
    """Pick the organisation to work in; remembered in the session and shown in the header."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, require_https=request.is_secure()):
        next_url = ""
    status = 200
    if request.method == "POST":
        wanted = request.POST.get("organisation", "")
        for membership in request.memberships:
            if str(membership.organisation_id) == wanted:
                request.session[SESSION_KEY] = membership.organisation_id
                messages.success(
                    request, _("You are now working in %(name)s.") % {"name": membership.organisation.name}
                )
                return redirect(next_url or "home")
        messages.error(request, _("Choose one of the organisations in the list."))
        status = 400
    return render(
        request,
        "isms/choose_organisation.html",
        {"memberships": request.memberships, "next": next_url},
        status=status,
    )


@requires_csrf_token
def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a form sent without a valid CSRF token (mostly an expired session or a page left open) gets
    a Swedish page with the usual header saying what to do, HTTP 403. The middleware has already logged `reason`."""
    return render(request, "403_csrf.html", status=403)


@require_http_methods(["GET", "HEAD"])
def favicon(request):
    """/favicon.ico, for browsers that ask for it whatever the page's <link rel="icon">: the static SVG."""
    return redirect(static("favicon.svg"), permanent=True)
