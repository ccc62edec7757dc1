from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from reviews import views_verify

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("organisation/", views.choose_organisation, name="choose_organisation"),
    path("overview/", views.overview, name="overview"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("registry/", include("registry.urls")),
    path("reviews/", include("reviews.urls")),
    path("verify/", views_verify.verify, name="verify"),
    path("admin/", admin.site.urls),
]
if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
