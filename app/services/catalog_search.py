"""Catalog search as residents type it: Chinese words, full pinyin and pinyin initials.

Each item keeps a ``search_text`` column: its name, sub-item and keywords, each also
as full pinyin (``shebaoka``) and as initials, both the first-letter kind (``sbk``)
and the kind pinyin keyboards use, with zh/ch/sh kept whole (``shbk``). A query is
a plain substring match on that column, so SQLite and PostgreSQL behave the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pypinyin import Style, lazy_pinyin
from sqlalchemy import ColumnElement, case, func

from app.models.catalog import ServiceItem

_SPACES = re.compile(r"\s+")
MAX_QUERY = 50


def normalize(text: str) -> str:
    return _SPACES.sub("", text).lower()


def _initials(phrase: str) -> tuple[str, str]:
    first = "".join(lazy_pinyin(phrase, style=Style.FIRST_LETTER))
    keyboard = "".join(
        initial or syllable[:1]
        for initial, syllable in zip(
            lazy_pinyin(phrase, style=Style.INITIALS, strict=False), lazy_pinyin(phrase), strict=True
        )
    )
    return first, keyboard


def search_text(phrases: Iterable[str | None]) -> str:
    """Every form a resident might type for these phrases, one per line."""
    forms: list[str] = []
    for phrase in filter(None, phrases):
        plain = normalize(phrase)
        forms += [plain, normalize("".join(lazy_pinyin(plain))), *_initials(plain)]
    return "\n".join(dict.fromkeys(forms))


def item_search_text(item: ServiceItem) -> str:
    return search_text([item.name, item.sub_item, *item.keywords])


def matches(query: str) -> ColumnElement[bool]:
    return ServiceItem.search_text.contains(normalize(query)[:MAX_QUERY], autoescape=True)


def rank(query: str) -> ColumnElement[int]:
    """0 for an exact name, 1 for a name that starts with the query, 2 contains it, 3 other hits."""
    q = normalize(query)[:MAX_QUERY]
    name = func.lower(ServiceItem.name)
    return case(
        (name == q, 0),
        (name.startswith(q, autoescape=True), 1),
        (name.contains(q, autoescape=True), 2),
        else_=3,
    )
