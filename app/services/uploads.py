"""Checking one uploaded file before it is stored.

The type comes from the file's first bytes only. The name and the client's Content-Type are
whatever the phone or an attacker says (an .exe renamed .pdf, a PNG sent as application/pdf),
so they decide nothing. A file must also be whole: a PDF, PNG or JPEG cut off in transit
would reach the clerk as a blank or broken page.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

from app.errors import UploadDamaged, UploadEmpty, UploadTooLarge, UploadTypeNotAccepted

log = logging.getLogger(__name__)

ACCEPTED = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}
MAGIC = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)
SNIFF_BYTES = max(len(magic) for magic, _ in MAGIC)
PDF_TAIL_BYTES = 1024
# A PNG ends with an empty IEND chunk: length 0, the type, and its fixed CRC.
PNG_IEND = b"\x00\x00\x00\x00IEND\xae\x42\x60\x82"
JPEG_EOI = b"\xff\xd9"


@dataclass(frozen=True, slots=True)
class Checked:
    media_type: str
    extension: str
    size: int
    sha256: str


def sniff(head: bytes) -> str | None:
    """The media type of a file starting with ``head``, or None if it is none we accept."""
    for magic, media_type in MAGIC:
        if head.startswith(magic):
            return media_type
    return None


def check(data: bytes, *, declared_type: str | None = None, max_bytes: int) -> Checked:
    """An accepted, whole file no larger than ``max_bytes``, described; or the DomainError saying why not.

    ``declared_type`` (the client's Content-Type) is only logged when it disagrees: phones
    label photos wrongly, so the sniffed type wins.
    """
    if not data:
        raise UploadEmpty()
    if len(data) > max_bytes:
        raise UploadTooLarge(details={"max_bytes": max_bytes})
    media_type = sniff(data[:SNIFF_BYTES])
    if media_type is None:
        raise UploadTypeNotAccepted(details={"accepted": list(ACCEPTED)})
    if not _is_whole(data, media_type):
        raise UploadDamaged()
    if declared_type is not None and declared_type != media_type:
        log.info("upload declared as %.100r is %s by its content", declared_type, media_type)
    return Checked(media_type, ACCEPTED[media_type], len(data), hashlib.sha256(data).hexdigest())


def _is_whole(data: bytes, media_type: str) -> bool:
    if media_type == "application/pdf":
        return b"%%EOF" in data[-PDF_TAIL_BYTES:]
    if media_type == "image/png":
        return PNG_IEND in data
    return data.rstrip(b"\x00").endswith(JPEG_EOI)  # some cameras pad a JPEG with zeros
