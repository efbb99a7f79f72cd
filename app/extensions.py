"""Extension objects of the domain: the database and migrations. Nothing HTTP-side."""

from __future__ import annotations

import sqlite3

from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

from app.replica import RoutingSession

# Stable constraint names, so migrations (and SQLite batch mode) can refer to them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def render_item(type_: str, obj: object, autogen_context: object) -> str | bool:
    """Write our column types as their plain SQLAlchemy equivalents, so migrations never import app code."""
    impl = getattr(obj, "impl", None)
    if type_ == "type" and isinstance(obj, TypeDecorator) and impl is not None:
        return f"sa.{impl!r}"
    return False


db = SQLAlchemy(model_class=Base, session_options={"class_": RoutingSession})
migrate = Migrate(render_as_batch=True, compare_type=True, render_item=render_item)


@event.listens_for(Engine, "connect")
def _tune_sqlite(dbapi_connection: object, _record: object) -> None:
    """WAL lets readers and one writer work at once; SQLite ignores foreign keys unless asked."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=15000")
        cursor.close()
