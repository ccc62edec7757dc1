from django.shortcuts import render


def dashboard(request):
    """The organisation's start page (filled in by the dashboard work)."""
    return render(request, "registry/dashboard.html", {})
