"""gunicorn settings for PalmGov (``gunicorn -c deploy/gunicorn.conf.py wsgi:app``).

gthread workers: each board stream (SSE) holds a thread, plain requests share
the rest. The app is preloaded so an embedded Redis is started once, in the
master, and shared by every worker.
"""

import os

from config import DEFAULT_WORKERS

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '5000')}"
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", DEFAULT_WORKERS))
threads = int(os.environ.get("GUNICORN_THREADS", 8))
preload_app = True
timeout = 30
graceful_timeout = 10
control_socket_disable = True
accesslog = None  # the app writes its own JSON access line with the request id
errorlog = "-"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "app.logs.JsonFormatter"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}},
    "root": {"level": "INFO", "handlers": []},  # the app installs its own JSON handler on root
    "loggers": {"gunicorn.error": {"handlers": ["stderr"], "level": "INFO", "propagate": False}},
}


def when_ready(server):
    """In the master, after preload and before the workers fork."""
    from app import jobs
    from app.extensions import db
    from app.redis_store import get_store

    flask_app = server.app.wsgi()
    store = get_store(flask_app)
    if store.embedded:
        store.client.ping()
        # No worker on the embedded Redis: the master sweeps for due work (quiet hours, retries).
        jobs.start_sweeper(flask_app)
    with flask_app.app_context():
        for engine in db.engines.values():  # the primary and the read replica, if any
            engine.dispose()  # the workers fork next: none of them may share the master's connections
    base = f"http://{bind}"
    server.log.info("PalmGov is up: frontend %s/  API docs %s/api/docs  readiness %s/readyz", base, base, base)


def post_fork(server, worker):
    """A worker starts with its own connection pool, never sockets the master's sweeper opened."""
    from app.extensions import db

    with server.app.wsgi().app_context():
        for engine in db.engines.values():
            engine.dispose(close=False)


def child_exit(server, worker):
    """With PROMETHEUS_MULTIPROC_DIR a worker that ended leaves its counts, but no live gauges (docs/metrics.md)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
