"""Under /<language>/ (i18n_patterns)."""

from django.urls import path

from quality_check import views

urlpatterns = [
    path("quality-check/", views.quality_check, name="quality-check"),
    path("quality-check/profile.pdf", views.quality_check_pdf, name="quality-check-pdf"),
]
