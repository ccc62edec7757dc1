from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views

# Wiring: the apps are named by string only (the floor imports no app).
urlpatterns = [
    path("", include("portal.urls")),  # the start page ("home") and /overview/
    path("organisation/", views.choose_organisation, name="choose_organisation"),
    # Sign-in and sign-out only: passwords are set by the installation's administrator (no e-mail is configured).
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", views.LogoutView.as_view(), name="logout"),
    path("registry/", include("registry.urls")),
    path("reviews/", include("reviews.urls")),
    path("verify/", include("reviews.verify_urls")),
    path("admin/", admin.site.urls),
    # Browsers that ignore <link rel="icon"> (the SVG in every page's head) ask for /favicon.ico: no 404 for them.
    path("favicon.ico", views.favicon),
]
if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
