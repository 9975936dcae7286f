"""What the Elasticsearch/OpenSearch clients raise when the engine cannot answer, in one
place for the engine (a 503 to visitors) and the backends (a write queued for retry)."""


def engine_errors() -> tuple[type[Exception], ...]:
    """What the installed clients raise when the engine cannot answer a request: it is
    down, times out, or refuses (a 5xx, a 429, a missing index, documents a bulk
    request rejected). Each client is looked for on its own: a site installs one."""
    errors: list[type[Exception]] = []
    try:
        from opensearchpy.exceptions import TransportError as OpenSearchError
        from opensearchpy.helpers import BulkIndexError as OpenSearchBulkError

        errors += [OpenSearchError, OpenSearchBulkError]
    except ImportError:
        pass
    try:
        from elastic_transport import TransportError as ElasticTransportError
        from elasticsearch import ApiError
        from elasticsearch.helpers import BulkIndexError as ElasticBulkError

        errors += [ElasticTransportError, ApiError, ElasticBulkError]
    except ImportError:
        pass
    return tuple(errors)


ENGINE_ERRORS = engine_errors()
