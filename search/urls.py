from django.urls import path

from search import views

# Under /<language>/ (i18n_patterns).
page_urlpatterns = [path("search/", views.search_page, name="search")]
# Unprefixed: the language is a parameter.
api_urlpatterns = [path("api/search/", views.search_api, name="search-api")]
