"""Serves the built H5 site (miniprogram/dist/h5) at ``/``, and the hall screens at ``/hall/...``;
the API stays under /api.

Only the folders the Taro H5 build writes are routed, so unknown paths (and
unknown API paths) still get the API's own 404 and 405 answers.
"""

from __future__ import annotations

import functools
from pathlib import Path
from urllib.parse import urlencode

from flask import Blueprint, Response, current_app, redirect, request, send_from_directory

from api.errors import ApiHTTPError
from api.security_headers import page_policy

bp = Blueprint("frontend", __name__)

NOT_BUILT = ("FRONTEND_NOT_BUILT", "前端尚未构建，请运行 make run", "The H5 frontend is not built yet; run make run")


def _build_dir() -> Path:
    root = Path(current_app.config["FRONTEND_DIR"])
    if not (root / "index.html").is_file():
        raise ApiHTTPError(404, *NOT_BUILT)
    return root


@bp.get("/")
def index() -> Response:
    # The H5 router uses hash URLs (/#/pages/...), so the page itself is always index.html.
    root = _build_dir()
    response = send_from_directory(root, "index.html", max_age=0)
    response.headers["Content-Security-Policy"] = _index_policy(root / "index.html")
    return response


def _index_policy(page: Path) -> str:
    """The page's CSP allows exactly its inline scripts (Taro's rem script), read again when a build replaces it."""
    return _policy_of(page, page.stat().st_mtime_ns)


@functools.lru_cache(maxsize=4)
def _policy_of(page: Path, _mtime_ns: int) -> str:
    return page_policy(page.read_text(encoding="utf-8"))


@bp.get("/<any(js, css, static, assets):folder>/<path:filename>")
def asset(folder: str, filename: str) -> Response:
    return send_from_directory(_build_dir() / folder, filename, max_age=3600)


@bp.get("/hall/<any(kiosk, board, staff, supervisor):screen>")
def hall_screen(screen: str) -> Response:
    """The hall screens' addresses (/hall/kiosk?hall=3) open their page of the H5 build, query and all."""
    query = urlencode(list(request.args.items(multi=True)))
    return redirect(f"/#/hall/{screen}/index" + (f"?{query}" if query else ""), code=302)
