"""The open statistics: /<lang>/statistics/ (charts and tables), /api/statistics/ (JSON, or
CSV with ?format=csv) and /api/statistics.csv.

They take no parameters but the API's format: anything else in the query string is a
mistake in a link, answered with a 400 and a message rather than silently ignored.
"""

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from open_statistics.charts import bar_chart
from open_statistics.collect import collect
from open_statistics.export import statistics_csv
from open_statistics.series import SERIES

FORMATS = ("json", "csv")


def unexpected_parameters(request, allowed=()) -> list[str]:
    return sorted(name for name in request.GET if name not in allowed)


@require_GET
def statistics_page(request):
    unexpected = unexpected_parameters(request)
    statistics = collect() if not unexpected else None
    context = {
        "errors": (
            [
                _("This page takes no parameters: remove %(names)s.")
                % {"names": ", ".join(unexpected)}
            ]
            if unexpected
            else []
        ),
        "statistics": statistics,
        "sections": [
            {"series": series, "rows": rows, "chart": bar_chart(rows)}
            for series in SERIES
            for rows in [series.rows(statistics)]
        ]
        if statistics
        else [],
    }
    return render(
        request, "open_statistics/statistics.html", context, status=400 if unexpected else 200
    )


@require_GET
def statistics_api(request, csv_format=False):
    unexpected = unexpected_parameters(request, allowed=("format",))
    requested = request.GET.getlist("format")
    if unexpected or len(requested) > 1 or (requested and requested[0] not in FORMATS):
        return JsonResponse(
            {
                "error": _(
                    "Unknown parameters. The only parameter is format, json or csv: %(names)s."
                )
                % {"names": ", ".join(unexpected + requested)}
            },
            status=400,
        )
    statistics = collect()
    if csv_format or requested == ["csv"]:
        response = HttpResponse(statistics_csv(statistics), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="statistics.csv"'
        return response
    return JsonResponse(statistics, json_dumps_params={"ensure_ascii": False})


def statistics_csv_view(request):
    return statistics_api(request, csv_format=True)
