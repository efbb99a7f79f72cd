from __future__ import annotations

import hashlib
import struct
import zlib

import pytest

from app.errors import InvalidInput, PayloadTooLarge, UnsupportedMediaType
from app.services.uploads import ACCEPTED, Checked, check, sniff

MIB = 1024 * 1024
PDF = (
    b"%PDF-1.4\n"
    b"1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
    b"2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n"
    b"trailer <</Root 1 0 R>>\n"
    b"%%EOF\n"
)
# SOI, a JFIF APP0 segment, EOI.
JPEG = b"\xff\xd8" + b"\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\xff\xd9"


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


# One grey pixel: the signature, IHDR (1x1, 8-bit greyscale), IDAT (filter byte + pixel), IEND.
PNG = (
    b"\x89PNG\r\n\x1a\n"
    + png_chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
    + png_chunk(b"IDAT", zlib.compress(b"\x00\x80"))
    + png_chunk(b"IEND", b"")
)


@pytest.mark.parametrize(
    ("data", "media_type", "extension"),
    [(PDF, "application/pdf", "pdf"), (JPEG, "image/jpeg", "jpg"), (PNG, "image/png", "png")],
)
def test_each_accepted_type_is_described(data, media_type, extension):
    assert check(data, max_bytes=MIB) == Checked(media_type, extension, len(data), hashlib.sha256(data).hexdigest())


def test_the_png_ends_with_the_iend_chunk_the_check_looks_for():
    assert PNG[-12:] == b"\x00\x00\x00\x00IEND\xaeB`\x82"


def test_the_content_decides_not_the_declared_type():
    checked = check(PNG, declared_type="application/pdf", max_bytes=MIB)
    assert (checked.media_type, checked.extension) == ("image/png", "png")


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"<!DOCTYPE html><html><script>alert(1)</script></html>", id="html"),
        pytest.param(b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', id="svg"),
        pytest.param(b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"\x00" * 20, id="zip"),
        pytest.param(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 50, id="exe"),
        pytest.param(b"<html><!--" + PDF + b"--></html>", id="polyglot"),
        pytest.param(b"\xef\xbb\xbf" + PDF, id="pdf-after-bom"),
        pytest.param(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", id="gif"),
    ],
)
def test_anything_else_is_refused_by_its_content(data):
    with pytest.raises(UnsupportedMediaType) as raised:
        check(data, declared_type="application/pdf", max_bytes=MIB)
    assert raised.value.code == "UPLOAD_TYPE"
    assert raised.value.details == {"accepted": ["application/pdf", "image/jpeg", "image/png"]}


def test_an_empty_file_is_refused():
    with pytest.raises(InvalidInput) as raised:
        check(b"", max_bytes=MIB)
    assert raised.value.code == "UPLOAD_EMPTY"


def test_a_file_of_exactly_the_limit_passes_and_one_byte_more_does_not():
    assert check(PDF, max_bytes=len(PDF)).size == len(PDF)
    with pytest.raises(PayloadTooLarge) as raised:
        check(PDF + b"\n", max_bytes=len(PDF))
    assert raised.value.code == "UPLOAD_TOO_LARGE"
    assert raised.value.details == {"max_bytes": len(PDF)}


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(PDF[: len(PDF) // 2], id="pdf-cut"),
        pytest.param(PDF + b" " * 1024, id="pdf-eof-not-in-last-kib"),
        pytest.param(PNG[:-12], id="png-without-iend"),
        pytest.param(PNG[:20], id="png-cut-in-ihdr"),
        pytest.param(JPEG[:-2], id="jpeg-without-eoi"),
        pytest.param(JPEG[:-1], id="jpeg-half-eoi"),
    ],
)
def test_a_truncated_file_is_damaged_not_of_the_wrong_type(data):
    with pytest.raises(InvalidInput) as raised:
        check(data, max_bytes=MIB)
    assert raised.value.code == "UPLOAD_DAMAGED"


def test_whole_files_with_harmless_tails_pass():
    assert check(JPEG + b"\x00" * 64, max_bytes=MIB).media_type == "image/jpeg"  # zero padding
    assert check(PDF + b" " * 1017, max_bytes=MIB).media_type == "application/pdf"  # %%EOF within the last KiB


@pytest.mark.parametrize(
    ("head", "media_type"),
    [
        (b"%PDF-", "application/pdf"),
        (b"\xff\xd8\xff\xdb", "image/jpeg"),
        (b"\x89PNG\r\n\x1a\n", "image/png"),
        (b"%PDF", None),
        (b"\x89PNG", None),
        (b"\xff\xd8", None),
        (b"", None),
    ],
)
def test_sniff_reads_the_magic_bytes_only(head, media_type):
    assert sniff(head) == media_type


def test_every_accepted_type_has_its_magic():
    assert {sniff(data) for data in (PDF, JPEG, PNG)} == set(ACCEPTED)
