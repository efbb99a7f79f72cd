"""docs/notifications.md lists every template of app/notify_templates.py as it is."""

from __future__ import annotations

from app.notify_templates import CHANNELS, TEMPLATES, Template
from config import BASE_DIR


def table_row(found: Template) -> str:
    params = ", ".join(f"`{name}` ({kind})" for name, kind in found.sms_params)
    channels = ", ".join(channel for channel in CHANNELS if channel in found.channels)
    flags = " / ".join(flag for flag, on in (("urgent", found.urgent), ("secret", found.secret)) if on) or "–"
    page = f"`{found.page}`" if found.page else "–"
    return f"| `{found.key}` | {found.text} | {params} | {channels} | {flags} | {found.setting or '–'} | {page} |"


def test_the_templates_table_matches_the_registry():
    documented = (BASE_DIR / "docs" / "notifications.md").read_text()
    table = documented.split("## Templates", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    assert rows == [table_row(found) for found in TEMPLATES.values()]
