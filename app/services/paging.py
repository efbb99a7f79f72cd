"""One page of a list: the items, how many there are in all, and where the page is."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, func, select

from app.extensions import db

T = TypeVar("T")
MAX_PAGE_SIZE = 100


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    total: int
    page: int
    page_size: int


def _bounds(page: int, page_size: int) -> tuple[int, int]:
    return max(1, page), min(max(1, page_size), MAX_PAGE_SIZE)


def paginate(statement: Select[Any], page: int, page_size: int) -> Page[Any]:
    """Run ``statement`` (ordered) for one page; ``page_size`` is capped at 100."""
    page, page_size = _bounds(page, page_size)
    total = db.session.scalar(select(func.count()).select_from(statement.order_by(None).subquery())) or 0
    items = list(db.session.scalars(statement.limit(page_size).offset((page - 1) * page_size)))
    return Page(items, total, page, page_size)


def page_of(items: Sequence[T], page: int, page_size: int) -> Page[T]:
    """The same for a list already in memory."""
    page, page_size = _bounds(page, page_size)
    start = (page - 1) * page_size
    return Page(list(items[start : start + page_size]), len(items), page, page_size)
