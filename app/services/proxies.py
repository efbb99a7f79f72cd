"""代办: a resident (the grantee, often a son or daughter) acts for a relative (the grantor).

The grantee invites the grantor by phone; the grantor accepts with a fresh face
check (L3, purpose ``proxy_accept``). Either side can end the grant at any time.
Actions taken for the grantor pass through ``authorize`` and record both people.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import or_, select

from app.errors import AssuranceRequired, NotFound, ProxyInvalid
from app.extensions import db
from app.models.base import utcnow
from app.models.identity import L2, ProxyGrant, Resident
from app.services import audit, face, residents
from app.validators import normalize_phone

RELATIONS = ("parent", "child", "spouse", "sibling", "grandparent", "grandchild", "other")
INVITATION_DAYS = 7
OPEN = ("pending", "active")


@dataclass(frozen=True)
class GrantView:
    """A grant as one of its two residents sees it, with the other person's (plain) profile."""

    grant: ProxyGrant
    my_role: str  # "grantee" or "grantor"
    other: residents.Profile | None


def invite(grantee_id: int, grantor_phone: str, relation: str) -> ProxyGrant:
    phone = normalize_phone(grantor_phone)
    grantee = residents.get(grantee_id)
    if residents.assurance_level(grantee) < L2:
        raise AssuranceRequired(details={"required_level": L2})
    index = residents.phone_index(phone)
    if grantee.phone_index == index:
        raise ProxyInvalid("不能邀请自己", "You cannot invite yourself")
    existing = db.session.scalar(
        select(ProxyGrant.id).where(
            ProxyGrant.grantee_id == grantee_id, ProxyGrant.grantor_phone_index == index, ProxyGrant.status.in_(OPEN)
        )
    )
    if existing is not None:
        raise ProxyInvalid("已有有效的代办邀请或授权", "An invitation or grant for this person already exists")
    now = utcnow()
    grant = ProxyGrant(
        grantee_id=grantee_id,
        grantor_phone_index=index,
        relation=relation,
        created_at=now,
        invitation_expires_at=now + timedelta(days=INVITATION_DAYS),
    )
    db.session.add(grant)
    db.session.flush()
    audit.record(
        "proxy.invite",
        audit.Actor("resident", grantee_id),
        object_type="proxy_grant",
        object_id=grant.id,
        details={"relation": relation},
    )
    db.session.commit()
    return grant


def accept(grantor_id: int, grant_id: int, face_ticket: str) -> ProxyGrant:
    grant = _invitation_for(grantor_id, grant_id)
    face.consume_ticket(grantor_id, "proxy_accept", face_ticket)
    grant.grantor_id, grant.status, grant.accepted_at = grantor_id, "active", utcnow()
    audit.record(
        "proxy.accept",
        audit.Actor("resident", grantor_id),
        object_type="proxy_grant",
        object_id=grant.id,
        details={"grantee_id": grant.grantee_id},
    )
    db.session.commit()
    return grant


def decline(grantor_id: int, grant_id: int) -> ProxyGrant:
    grant = _invitation_for(grantor_id, grant_id)
    grant.grantor_id, grant.status, grant.ended_at, grant.ended_by_id = grantor_id, "declined", utcnow(), grantor_id
    audit.record("proxy.decline", audit.Actor("resident", grantor_id), object_type="proxy_grant", object_id=grant.id)
    db.session.commit()
    return grant


def revoke(resident_id: int, grant_id: int) -> ProxyGrant:
    """Either side ends a grant (or the grantee withdraws an invitation); effective at once."""
    grant = db.session.get(ProxyGrant, grant_id)
    if grant is None or grant.status not in OPEN or resident_id not in (grant.grantee_id, grant.grantor_id):
        raise NotFound()
    grant.status, grant.ended_at, grant.ended_by_id = "revoked", utcnow(), resident_id
    audit.record("proxy.revoke", audit.Actor("resident", resident_id), object_type="proxy_grant", object_id=grant.id)
    db.session.commit()
    return grant


def for_resident(resident_id: int) -> list[GrantView]:
    """Grants I hold or gave, and invitations waiting for my phone, newest first."""
    me = residents.get(resident_id)
    mine = or_(ProxyGrant.grantee_id == resident_id, ProxyGrant.grantor_id == resident_id)
    if me.phone_index is not None:
        mine = or_(mine, (ProxyGrant.grantor_phone_index == me.phone_index) & (ProxyGrant.status == "pending"))
    grants = db.session.scalars(select(ProxyGrant).where(mine).order_by(ProxyGrant.id.desc()))
    views = []
    for grant in grants:
        if grant.grantee_id == resident_id:
            other_id = grant.grantor_id
            role = "grantee"
        else:
            other_id, role = grant.grantee_id, "grantor"
        other = residents.profile(residents.get(other_id)) if other_id is not None else None
        views.append(GrantView(grant, role, other))
    return views


def grantors_of(actor_id: int) -> list[int]:
    """The residents ``actor_id`` may act for now."""
    return list(
        db.session.scalars(
            select(ProxyGrant.grantor_id).where(ProxyGrant.grantee_id == actor_id, ProxyGrant.status == "active")
        )
    )


def authorize(actor_id: int, acting_for_id: int) -> None:
    """Raise NotFound unless ``actor_id`` holds an active grant from ``acting_for_id``."""
    grant = db.session.scalar(
        select(ProxyGrant.id).where(
            ProxyGrant.grantee_id == actor_id, ProxyGrant.grantor_id == acting_for_id, ProxyGrant.status == "active"
        )
    )
    if grant is None:
        raise NotFound()


def profile_for(actor_id: int, acting_for_id: int) -> residents.Profile:
    """The grantor's profile, read by their proxy; the audit row names both people."""
    authorize(actor_id, acting_for_id)
    audit.record(
        "proxy.view_profile",
        audit.Actor("resident", actor_id),
        acting_for_id=acting_for_id,
        object_type="resident",
        object_id=acting_for_id,
    )
    db.session.commit()
    return residents.profile(residents.get(acting_for_id))


def _invitation_for(grantor_id: int, grant_id: int) -> ProxyGrant:
    grantor: Resident = residents.get(grantor_id)
    grant = db.session.get(ProxyGrant, grant_id)
    if (
        grant is None
        or grant.status != "pending"
        or grantor.phone_index is None
        or grant.grantor_phone_index != grantor.phone_index
    ):
        raise NotFound()
    if grant.invitation_expires_at <= utcnow():
        raise ProxyInvalid("邀请已过期", "The invitation has expired")
    return grant
