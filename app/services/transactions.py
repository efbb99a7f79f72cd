"""Committing a use case's transaction."""

from __future__ import annotations

from app.extensions import db


def commit_keeping_loaded() -> None:
    """Commit without expiring what the session holds: the answer is built from the objects just written (they
    are what the database now has) instead of reloading each one, statement by statement, after the commit.
    Only for use cases that wrote their objects through the ORM or refreshed them: a value changed behind the
    ORM's back (a Core UPDATE) would stay stale."""
    session = db.session()
    expiring = session.expire_on_commit
    session.expire_on_commit = False
    try:
        db.session.commit()
    finally:
        session.expire_on_commit = expiring
