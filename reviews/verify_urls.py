"""/verify/, open without signing in: the root URLconf includes it outside the reviews/ namespace, so its name stays
"verify"."""

from django.urls import path

from . import views_verify

urlpatterns = [path("", views_verify.verify, name="verify")]
