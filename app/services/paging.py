"""One page of a list: the items, how many there are in all, and where the page is."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, func, literal, select

from app.extensions import db

T = TypeVar("T")
MAX_PAGE_SIZE = 100


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    total: int
    page: int
    page_size: int
    total_capped: bool = False  # counting stopped at the list's limit: there are more than ``total``


def _bounds(page: int, page_size: int) -> tuple[int, int]:
    return max(1, page), min(max(1, page_size), MAX_PAGE_SIZE)


def paginate(statement: Select[Any], page: int, page_size: int, *, count_limit: int | None = None) -> Page[Any]:
    """Run ``statement`` (ordered) for one page; ``page_size`` is capped at 100.

    With ``count_limit``, counting stops after that many rows (``total_capped`` says there are more), so a list
    that grows with the data costs the same at any size: a full ``COUNT(*)`` reads every matching index entry.
    """
    page, page_size = _bounds(page, page_size)
    counted = statement.order_by(None)
    if count_limit is not None:
        counted = counted.with_only_columns(literal(1), maintain_column_froms=True).limit(count_limit + 1)
    total = db.session.scalar(select(func.count()).select_from(counted.subquery())) or 0
    items = list(db.session.scalars(statement.limit(page_size).offset((page - 1) * page_size)))
    if count_limit is not None and total > count_limit:
        return Page(items, count_limit, page, page_size, total_capped=True)
    return Page(items, total, page, page_size)


def page_of(items: Sequence[T], page: int, page_size: int) -> Page[T]:
    """The same for a list already in memory."""
    page, page_size = _bounds(page, page_size)
    start = (page - 1) * page_size
    return Page(list(items[start : start + page_size]), len(items), page, page_size)
