"""The /oai/ endpoint: HTTP in, one OAI-PMH document out (GET and POST, as the spec asks).

Protocol errors are answered with HTTP 200 and <error>, as OAI-PMH requires. Responses
are rendered in the source language whatever the harvester's Accept-Language, so the
same request always gets the same document; each record is in its own page's language.
"""

from django.conf import settings
from django.http import HttpResponse
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from open_data.oai import envelope
from open_data.oai.protocol import OAIError, parse_request
from open_data.oai.verbs import HANDLERS, Context

CONTENT_TYPE = "text/xml; charset=utf-8"


@csrf_exempt  # harvesters POST form-encoded requests without a CSRF token
@require_http_methods(["GET", "HEAD", "POST"])
def oai_pmh(request):
    arguments = request.POST if request.method == "POST" else request.GET
    base_url = request.build_absolute_uri(request.path)
    with translation.override(settings.LANGUAGE_CODE):
        try:
            oai_request = parse_request(dict(arguments.lists()))
        except OAIError as error:
            root = envelope.response(base_url, None)
            envelope.error(root, error)
            return _xml(root)
        root = envelope.response(base_url, oai_request)
        try:
            HANDLERS[oai_request.verb](root, Context(request, oai_request, base_url))
        except OAIError as error:
            root = envelope.response(base_url, oai_request if error.echoes_arguments else None)
            envelope.error(root, error)
        return _xml(root)


def _xml(root) -> HttpResponse:
    return HttpResponse(envelope.serialise(root), content_type=CONTENT_TYPE)
