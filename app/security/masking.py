"""Masks for personal data shown on screens and written to logs (GB/T 35273 §7.2)."""

from __future__ import annotations

import re

PHONE_RE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")
ID_NUMBER_RE = re.compile(r"(?<![0-9A-Za-z])[1-9][0-9]{16}[0-9Xx](?![0-9A-Za-z])")


def mask_phone(phone: str) -> str:
    """``13800138000`` -> ``138****8000``."""
    if len(phone) < 7:
        return "*" * len(phone)
    return f"{phone[:3]}{'*' * (len(phone) - 7)}{phone[-4:]}"


def mask_id_number(id_number: str) -> str:
    """``110101199003074514`` -> ``110***********4514``."""
    if len(id_number) < 8:
        return "*" * len(id_number)
    return f"{id_number[:3]}{'*' * (len(id_number) - 7)}{id_number[-4:]}"


def mask_name(name: str) -> str:
    """``张三`` -> ``张*``; ``欧阳娜娜`` -> ``欧***``."""
    if not name:
        return name
    return name[0] + "*" * (len(name) - 1)
