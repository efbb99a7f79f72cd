"""gunicorn settings for bench/ceiling_app.py: deploy/gunicorn.conf.py's (workers, threads, worker class,
preload, timeouts, bind), without PalmGov's hooks (the embedded Redis, the sweeper, its logging)."""

import runpy
from pathlib import Path

_palmgov = runpy.run_path(str(Path(__file__).resolve().parents[1] / "deploy" / "gunicorn.conf.py"))

bind = _palmgov["bind"]
worker_class = _palmgov["worker_class"]
workers = _palmgov["workers"]
threads = _palmgov["threads"]
preload_app = _palmgov["preload_app"]
timeout = _palmgov["timeout"]
graceful_timeout = _palmgov["graceful_timeout"]
control_socket_disable = _palmgov["control_socket_disable"]
accesslog = None
