"""The management review screens under /reviews/ (namespace "reviews")."""

from django.urls import path

from . import views

app_name = "reviews"
urlpatterns = [
    path("", views.review_list, name="list"),
    path("start/", views.review_start, name="start"),
    path("<int:pk>/", views.review_detail, name="detail"),
    path("<int:pk>/settings/", views.review_settings, name="settings"),
    path("<int:pk>/factors/", views.review_factors, name="factors"),
    path("<int:pk>/sections/<str:key>/", views.section_edit, name="section"),
    path("<int:pk>/sections/<str:key>/comment/", views.section_comment, name="comment"),
    path("<int:pk>/comments/<int:comment_pk>/answered/", views.comment_answer, name="comment_answered"),
    path("<int:pk>/submit/", views.review_submit, name="submit"),
    path("<int:pk>/return/", views.review_return, name="return"),
    path("<int:pk>/approve/", views.review_approve, name="approve"),
    path("<int:pk>/revise/", views.review_revise, name="revise"),
    path("<int:pk>/pdf/", views.review_pdf_download, name="pdf"),
    path("<int:pk>/preview/", views.review_pdf_preview, name="preview"),
]
