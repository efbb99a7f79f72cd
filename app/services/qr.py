"""QR codes drawn here with segno (PNG and SVG), and telling which image a provider sent.

Halls use them now; appointment and ticket codes reuse ``qr_image`` with their own URLs.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import segno

FORMATS = ("png", "svg")
MIMETYPES = {"png": "image/png", "svg": "image/svg+xml"}
SCALE = 8  # pixels (PNG) or user units (SVG) per module: about 300 px for a short URL
BORDER = 4  # the quiet zone ISO/IEC 18004 asks for
ERROR_LEVEL = "m"  # 15 % of the code may be smudged or covered; segno raises it when the size allows
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8\xff"


@dataclass(frozen=True)
class Image:
    data: bytes
    mimetype: str


def _draw(url: str, kind: str) -> bytes:
    out = io.BytesIO()
    options = {"xmldecl": True, "title": url} if kind == "svg" else {}
    segno.make_qr(url, error=ERROR_LEVEL).save(out, kind=kind, scale=SCALE, border=BORDER, **options)
    return out.getvalue()


def qr_png(url: str) -> bytes:
    return _draw(url, "png")


def qr_svg(url: str) -> bytes:
    return _draw(url, "svg")


def qr_image(url: str, fmt: str) -> Image:
    """A QR code of ``url`` as ``png`` or ``svg``."""
    if fmt not in FORMATS:
        raise ValueError(f"QR format {fmt!r} is not one of {', '.join(FORMATS)}")
    return Image(_draw(url, fmt), MIMETYPES[fmt])


def image_type(data: bytes) -> str | None:
    """``image/png`` or ``image/jpeg`` by the file's signature (WeChat draws mini-program codes as JPEG), else None."""
    if data.startswith(PNG_SIGNATURE):
        return "image/png"
    if data.startswith(JPEG_SIGNATURE):
        return "image/jpeg"
    return None
