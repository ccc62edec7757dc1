"""The start page (/) and the overview of every organisation of the user (/overview/), at the site's root: their
names, "home" and "overview", are not namespaced."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("overview/", views.overview, name="overview"),
]
