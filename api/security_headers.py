"""Security headers on every response, and CORS for the configured origins only.

- Every answer: ``nosniff``, no framing (``X-Frame-Options`` and CSP ``frame-ancestors``: no screen of
  PalmGov is meant to sit in another site's frame, the hall screens included), ``no-referrer``, and HSTS
  when the request came over https (directly or from a trusted proxy).
- API answers are ``no-store`` (they carry personal data) unless a handler chose otherwise (the public
  hall QR images, the catalog's guides), and their CSP allows nothing: a JSON or SVG answer opened as a
  page runs no script.
- HTML pages that set no policy of their own (the H5 site, Swagger UI) get :func:`page_policy`: scripts from
  this origin plus the exact inline scripts of the page (by hash), never ``unsafe-inline`` scripts.
- CORS is off unless ``CORS_ORIGINS`` lists exact origins: the H5 site is same-origin and the
  mini-programs are not browsers. Tokens are bearer headers, so credentials are never allowed.
"""

from __future__ import annotations

import base64
import hashlib
import re

from flask import Response, current_app, request

API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
HSTS = "max-age=31536000"
CORS_METHODS = "GET, POST, PUT, PATCH, DELETE"
CORS_HEADERS = ", ".join(
    [
        "Authorization",
        "Content-Type",
        "Accept-Language",
        "Idempotency-Key",
        "X-Device-Token",
        "X-Request-ID",
        "Last-Event-ID",
    ]
)
CORS_EXPOSED = "X-Request-ID, Retry-After, Content-Disposition"
CORS_MAX_AGE = "600"

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.DOTALL | re.IGNORECASE)


def page_policy(html: str) -> str:
    """The CSP of an HTML page: its own inline scripts (by hash) and this origin's files.

    Styles may be inline (Taro's components and html5-qrcode inject ``<style>``), images may be
    ``data:``/``blob:`` (QR codes drawn in the page, photo previews before upload), media ``blob:``
    (the camera of the QR scanner), and the page may read its own ``blob:`` files (Taro's H5 upload does).
    """
    hashes = " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()}'"
        for script in dict.fromkeys(_INLINE_SCRIPT.findall(html))
        if script.strip()
    )
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' {hashes}".rstrip(),
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "media-src 'self' blob:",
            "font-src 'self' data:",
            "connect-src 'self' blob:",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def _is_api(path: str) -> bool:
    return path.startswith("/api/") or path in ("/healthz", "/readyz")


def set_security_headers(response: Response) -> None:
    headers = response.headers
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "no-referrer")
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", HSTS)
    if _is_api(request.path):
        headers.setdefault("Cache-Control", "no-store")
    if "Content-Security-Policy" not in headers:
        if response.mimetype == "text/html" and not (response.direct_passthrough or response.is_streamed):
            headers["Content-Security-Policy"] = page_policy(response.get_data(as_text=True))
        else:
            headers["Content-Security-Policy"] = API_POLICY


def _allowed_origin() -> str | None:
    origin = request.headers.get("Origin")
    if origin and origin in current_app.config["CORS_ORIGINS"] and request.path.startswith("/api/"):
        return origin
    return None


def answer_preflight() -> Response | None:
    """A CORS preflight (``OPTIONS`` with ``Access-Control-Request-Method``) from a listed origin: 204.

    From any other origin it goes on to Flask's own ``OPTIONS`` answer, which has no CORS headers,
    so the browser refuses the real request.
    """
    if request.method != "OPTIONS" or "Access-Control-Request-Method" not in request.headers:
        return None
    origin = _allowed_origin()
    if origin is None:
        return None
    response = current_app.response_class(status=204)
    response.headers.update(
        {
            "Access-Control-Allow-Methods": CORS_METHODS,
            "Access-Control-Allow-Headers": CORS_HEADERS,
            "Access-Control-Max-Age": CORS_MAX_AGE,
        }
    )
    return response


def set_cors_headers(response: Response) -> None:
    if not current_app.config["CORS_ORIGINS"] or not request.path.startswith("/api/"):
        return
    response.vary.add("Origin")
    origin = _allowed_origin()
    if origin is not None:
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Access-Control-Expose-Headers"] = CORS_EXPOSED
