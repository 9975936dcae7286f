"""Public (language-prefixed) URLs of the translation app."""

from django.urls import path

from translation.demand import request_translation

urlpatterns = [
    path("translation-requests/", request_translation, name="request_translation"),
]
