"""An item residents apply for online, with a form and uploaded materials, in the catalog tree of
``catalog_helpers``; and the smallest files of each accepted type."""

from __future__ import annotations

import struct
import uuid
import zlib
from datetime import datetime, timedelta

from flask import Flask

from app.extensions import db
from app.models.base import utcnow
from app.models.catalog import Material, ServiceItem
from app.models.identity import ProxyGrant
from app.services import application_forms, applications, residents
from app.services.checks import Problems
from app.services.idempotency import IdempotentRequest
from app.validators import id_check_char
from tests.booking_helpers import SHANGHAI
from tests.catalog_helpers import Tree
from tests.helpers import app_context

ITEM = "APPLY-1"
MONDAY_MORNING = datetime(2026, 11, 23, 10, 0, tzinfo=SHANGHAI)
CHILD_ID = "11010120150307451" + id_check_char("11010120150307451")
FORM = [
    {"name": "contact", "label": "联系电话", "type": "phone", "required": True},
    {"name": "child_id", "label": "子女身份证号", "type": "id_number", "required": True},
    {"name": "reason", "label": "申领原因", "type": "select", "required": True,
     "options": [{"value": "first", "label": "首次申领"}, {"value": "lost", "label": "遗失补领"}]},
    {"name": "promise", "label": "本人承诺所填信息真实有效", "type": "checkbox", "required": True},
]  # fmt: skip
ANSWERS = {"contact": "13900139000", "child_id": CHILD_ID, "reason": "first", "promise": True}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b"")
    )


def make_online_item(app: Flask, tree: Tree, **fields: object) -> int:
    """A published online item of department X (承诺件: 5 working days, legal 20) with ``FORM`` and three
    materials: 身份证 (uploaded, required), 户口簿 (uploaded, only in some cases) and 照片 (brought, not
    uploaded)."""
    with app_context(app):
        item = ServiceItem(
            code=ITEM,
            state="published",
            name="少儿医保参保登记",
            department_id=tree.department_x,
            audience="personal",
            processing_type="promised",
            promised_days=5,
            legal_days=20,
            online=True,
            application_form=application_forms.clean_definition(FORM, Problems()),
            **fields,
        )
        item.materials = [
            Material(position=0, name="身份证", form="original", upload=True),
            Material(position=1, name="户口簿", form="copy", upload=True, required=False, condition="非本市户籍"),
            Material(position=2, name="照片", form="original"),
        ]
        db.session.add(item)
        db.session.commit()
        return item.id


def request(resident_id: int) -> IdempotentRequest:
    return IdempotentRequest.of(f"resident:{resident_id}", str(uuid.uuid4()), applications.CREATE, {})


def draft(resident_id: int, form: dict | None = None, *, now: datetime = MONDAY_MORNING, **options: object):
    """A draft of ``ITEM`` for the resident (in the caller's app context)."""
    created = applications.create(resident_id, ITEM, ANSWERS if form is None else form, request=request(resident_id),
                                  now=now, **options)  # fmt: skip
    return created.application


def submitted(resident_id: int, *, now: datetime = MONDAY_MORNING):
    """A complete application of ``ITEM``, with its ID card uploaded, submitted at ``now``."""
    application = draft(resident_id, now=now)
    applications.add_file(resident_id, application.id, "身份证", PDF, filename="id.pdf", now=now)
    return applications.submit(resident_id, application.id, now=now)


def grant_proxy(grantee_id: int, grantor_id: int, grantor_phone: str) -> None:
    """An active 代办 grant (as ``proxies`` leaves one once accepted); the caller commits."""
    now = utcnow()
    db.session.add(
        ProxyGrant(
            grantee_id=grantee_id,
            grantor_id=grantor_id,
            grantor_phone_index=residents.phone_index(grantor_phone),
            relation="child",
            status="active",
            invitation_expires_at=now + timedelta(days=7),
            accepted_at=now,
        )
    )
