"""The site's WSGI application with an X-Worker-Pid header on every response: only the
multi-worker test (test_workers.py) serves this, to tell which worker answered."""

import os

from repo_site.wsgi import application as site


def application(environ, start_response):
    def with_pid(status, headers, exc_info=None):
        return start_response(status, [*headers, ("X-Worker-Pid", str(os.getpid()))], exc_info)

    return site(environ, with_pid)
