"""nginx in front of the bench's gunicorn with the deployed cache of the public answers: the ``proxy_cache_path``
line and the cached location (the catalog and availability) of deploy/nginx/palmgov.conf, taken from that file (so
the bench measures what production keeps), on plain http on loopback. Method: docs/performance.md."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.common import ROOT, SERVER, free_port, wait_until_answers

SITE = ROOT / "deploy" / "nginx" / "palmgov.conf"
CACHED = "location ~ ^/api/v1/(items(/|$)|halls/[^/]+/availability$)"
CACHE_PATH = re.compile(r"^proxy_cache_path\s+(\S+)([^;]*);", re.MULTILINE)
# The bench's copy of the cached location says what the cache did with each answer (the deployed one does not).
CACHE_STATUS = "x-cache-status"


def binary() -> str | None:
    return shutil.which("nginx")


def version() -> str | None:
    """``1.22.1`` when nginx is on the PATH."""
    found = binary()
    if found is None:
        return None
    answer = subprocess.run([found, "-v"], capture_output=True, text=True, check=False)  # noqa: S603
    return answer.stderr.strip().removeprefix("nginx version: nginx/")


def block_body(text: str, opening: str) -> str:
    """The text between the braces of the block that starts with ``opening`` (a ``{`` in a comment or in quotes
    does not count)."""
    start = re.search(rf"^\s*{re.escape(opening)}\s*\{{", text, re.MULTILINE)
    if start is None:
        raise ValueError(f"{SITE}: no `{opening} {{`")
    depth, quote, position = 1, "", start.end()
    while position < len(text):
        char = text[position]
        if quote:
            quote = "" if char == quote and text[position - 1] != "\\" else quote
        elif char in "'\"":
            quote = char
        elif char == "#":
            position = text.find("\n", position)
            if position < 0:
                break
        elif char in "{}":
            depth += 1 if char == "{" else -1
            if depth == 0:
                return text[start.end() : position]
        position += 1
    raise ValueError(f"{SITE}: `{opening}` is not closed")


def config(folder: Path, port: int, app_port: int, site: str) -> str:
    """The whole nginx.conf: the deployed cache directives, the rest a minimal proxy to the bench's gunicorn."""
    cache_path = CACHE_PATH.search(site)
    if cache_path is None:
        raise ValueError(f"{SITE}: no proxy_cache_path")
    temp = {name: folder / name for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")}
    temp_paths = "\n".join(f"    {name}_temp_path {path};" for name, path in temp.items())
    # nginx started by root runs its worker as nobody, who could not write the cache in a private temp dir.
    user = "user root;\n" if os.geteuid() == 0 else ""
    return f"""# Made by bench/edge.py from {SITE.relative_to(ROOT)}.
# One worker: the 2 cores are shared with gunicorn's workers, PostgreSQL, Redis and the load generator.
worker_processes 1;
{user}pid {folder / "nginx.pid"};
error_log {folder / "error.log"};
events {{
    worker_connections 1024;
}}
http {{
    access_log off;
{temp_paths}
    proxy_cache_path {folder / "cache"}{cache_path.group(2)};
    upstream palmgov_app {{
        server 127.0.0.1:{app_port};
        keepalive 32;
    }}
    server {{
        listen 127.0.0.1:{port};
        proxy_http_version 1.1;
        proxy_set_header Connection "";
        {CACHED} {{{block_body(site, CACHED)}    add_header X-Cache-Status $upstream_cache_status;
        }}
        location / {{
            proxy_pass http://palmgov_app;
        }}
    }}
}}
"""


@contextmanager
def nginx(app_port: int) -> Iterator[int]:
    """nginx (on the PATH) on a free loopback port in front of ``app_port``, until it answers; stopped after."""
    found = binary()
    if found is None:
        raise RuntimeError("nginx is not on the PATH")
    with tempfile.TemporaryDirectory(prefix="palmgov-edge-") as name:
        folder = Path(name)
        port = free_port()
        (folder / "nginx.conf").write_text(config(folder, port, app_port, SITE.read_text()))
        log = folder / "error.log"
        command = [found, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-e", str(log), "-g", "daemon off;"]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)  # noqa: S603
        try:

            def failed() -> str:
                return f"nginx did not come up on port {port}:\n{log.read_text() if log.exists() else ''}"

            wait_until_answers(process, f"http://127.0.0.1:{port}{SERVER[2]}", 10, failed)
            yield port
        finally:
            process.terminate()
            process.wait(timeout=10)
