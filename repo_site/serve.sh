#!/usr/bin/env bash
# `make serve`: the site as in production. Production settings, the database migrated,
# static files collected and interface messages compiled, then gunicorn on $HOST:$PORT
# and the django-tasks worker beside it. When either stops, or on Ctrl-C / SIGTERM, both
# stop, so a process manager sees one service.
#
# Environment: the production variables of the README (SECRET_KEY, ALLOWED_HOSTS,
# DATABASE_URL, ...), plus HOST and PORT (127.0.0.1:8000), WEB_CONCURRENCY (gunicorn
# worker processes, 2), GUNICORN_THREADS (threads per process, 2), GUNICORN_TIMEOUT
# (seconds, 60), REQUEST_LOG (JSON request lines, on) and PYTHON (.venv/bin/python).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-.venv/bin/python}"
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-repo_site.settings.production}"
export REQUEST_LOG="${REQUEST_LOG:-true}"

"$PYTHON" manage.py migrate --no-input
"$PYTHON" manage.py collectstatic --no-input --verbosity 0
"$PYTHON" manage.py compile_ui_messages

pids=()
stop() {
    trap - INT TERM
    kill -TERM "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
}
trap 'stop; exit 0' INT TERM

# Tasks queued in the database (production's TASKS_BACKEND) need the worker; with
# TASKS_BACKEND=immediate they run inside the requests and there is nothing to start.
if [ "${TASKS_BACKEND:-database}" = database ]; then
    "$PYTHON" manage.py db_worker --no-reload --queue-name '*' &
    pids+=($!)
fi
"$PYTHON" -m gunicorn repo_site.wsgi \
    --bind "$HOST:$PORT" \
    --workers "${WEB_CONCURRENCY:-2}" \
    --threads "${GUNICORN_THREADS:-2}" \
    --timeout "${GUNICORN_TIMEOUT:-60}" &
pids+=($!)

status=0
wait -n "${pids[@]}" || status=$?
echo "serve: a process stopped (status $status); stopping the others" >&2
stop
exit "$status"
