from django.urls import path

from open_statistics import views

# Under /<language>/ (i18n_patterns).
page_urlpatterns = [path("statistics/", views.statistics_page, name="statistics")]
# Unprefixed: labels follow the Accept-Language negotiation of the default language.
api_urlpatterns = [
    path("api/statistics/", views.statistics_api, name="statistics-api"),
    path("api/statistics.csv", views.statistics_csv_view, name="statistics-csv"),
]
