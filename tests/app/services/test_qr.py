"""QR codes drawn with segno, and telling PNG from JPEG."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET

import pytest

from app.services import qr

URL = "https://palmgov.example.gov.cn/#/pages/halls/index?id=3&t=a.b-c"


def test_png_is_a_square_png_with_a_quiet_zone():
    data = qr.qr_png(URL)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    assert width == height
    modules = width // qr.SCALE
    assert width % qr.SCALE == 0
    assert modules - 2 * qr.BORDER in range(21, 178, 4)  # a QR symbol is 21, 25, ... 177 modules wide


def test_svg_is_xml_that_names_what_it_encodes():
    data = qr.qr_svg(URL)
    assert data.startswith(b"<?xml")
    root = ET.fromstring(data)  # noqa: S314 (our own output)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.find("{http://www.w3.org/2000/svg}title").text == URL  # "&" was escaped
    assert root.find("{http://www.w3.org/2000/svg}path") is not None


def test_longer_urls_make_larger_codes():
    assert len(qr.qr_png(URL + "x" * 200)) > len(qr.qr_png(URL))


def test_qr_image_picks_the_format():
    assert qr.qr_image(URL, "png").mimetype == "image/png"
    assert qr.qr_image(URL, "svg").mimetype == "image/svg+xml"
    with pytest.raises(ValueError, match="gif"):
        qr.qr_image(URL, "gif")


@pytest.mark.parametrize(
    ("data", "mimetype"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
        (b"GIF89a", None),
        (b'{"errcode":41030}', None),
        (b"", None),
    ],
)
def test_image_type_reads_the_signature(data, mimetype):
    assert qr.image_type(data) == mimetype
