"""The 电子监察 rules as data: what each watches, from which threshold, at which level.

Pure: no database and no Flask. ``app.services.supervision`` evaluates them on every sweep; the defaults below
take their thresholds from four settings (``SUPERVISION_WARNING_PERCENT`` …), and ``SUPERVISION_RULES`` (JSON)
overrides a rule's threshold or turns it off, e.g. ``{"ticket_wait": {"threshold": 45}, "window_pause":
{"enabled": false}}``. The settings are checked when the app starts (``config.Config.problems``).

Rules on one *track* raise one alert per subject between them: the three deadline rules of an application
share ``application_deadline``, whose alert goes up from 预警 to 黄牌 to 红牌 on the same row.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace

WARNING, YELLOW, RED = "warning", "yellow", "red"  # 预警, 黄牌, 红牌
LEVELS = (WARNING, YELLOW, RED)  # lowest first: an alert's level only goes up this list
APPLICATION, TICKET, WINDOW, WORK_ORDER, COMPLAINT = "application", "ticket", "window", "work_order", "complaint"
SUBJECTS = (APPLICATION, TICKET, WINDOW, WORK_ORDER, COMPLAINT)
DEADLINE = "application_deadline"  # the track of the three deadline rules
OVERRIDES = "SUPERVISION_RULES"


@dataclass(frozen=True)
class Rule:
    key: str
    track: str  # the alert it raises: rules on one track share one alert per subject, which escalates
    subject: str
    level: str
    description: str  # Chinese, {threshold} filled in
    unit: str | None  # percent | working_days | minutes; None: the rule has no threshold
    threshold: int | None
    bounds: tuple[int, int] | None  # the thresholds allowed
    setting: str | None = None  # the setting that gives the default threshold
    enabled: bool = True

    @property
    def text(self) -> str:
        return self.description.format(threshold=self.threshold)


_PERCENT, _DAYS, _MINUTES = "percent", "working_days", "minutes"
# key, track, subject, level, description, unit, default threshold, bounds, the setting of the default
DEFAULTS: tuple[Rule, ...] = (
    Rule("deadline_warning", DEADLINE, APPLICATION, WARNING, "承诺时限已用 {threshold}% 以上", _PERCENT, 80, (1, 100),
         "SUPERVISION_WARNING_PERCENT"),
    Rule("deadline_yellow", DEADLINE, APPLICATION, YELLOW, "超过承诺时限 {threshold} 个工作日以上", _DAYS, 0, (0, 365)),
    Rule("deadline_red", DEADLINE, APPLICATION, RED, "超过法定时限 {threshold} 个工作日以上", _DAYS, 0, (0, 365)),
    Rule("correction_not_sent", "correction_not_sent", APPLICATION, WARNING,
         "收件后 {threshold} 个工作日内未受理、未不予受理、未发补正", _DAYS, 5, (1, 365),
         "SUPERVISION_CORRECTION_DAYS"),
    Rule("ticket_wait", "ticket_wait", TICKET, WARNING, "取号后等候超过 {threshold} 分钟", _MINUTES, 60, (1, 1440),
         "SUPERVISION_WAIT_MINUTES"),
    Rule("window_pause", "window_pause", WINDOW, WARNING, "窗口暂停超过 {threshold} 分钟", _MINUTES, 30, (1, 1440),
         "SUPERVISION_PAUSE_MINUTES"),
    Rule("work_order_overdue", "work_order_overdue", WORK_ORDER, YELLOW, "差评整改工单逾期未答复", None, None, None),
    Rule("complaint_overdue", "complaint_overdue", COMPLAINT, YELLOW, "投诉逾期未答复", None, None, None),
)  # fmt: skip
KEYS = tuple(rule.key for rule in DEFAULTS)


def rank(level: str) -> int:
    """Where ``level`` stands: 0 warning, 1 yellow, 2 red."""
    return LEVELS.index(level)


def rules(settings: Mapping[str, object]) -> tuple[Rule, ...]:
    """Every rule as this deployment runs it (turned-off ones included, ``enabled`` False), from settings that
    passed :func:`problems`."""
    overrides = json.loads(str(settings.get(OVERRIDES) or "{}"))
    configured = []
    for rule in DEFAULTS:
        if rule.setting is not None:
            rule = replace(rule, threshold=int(settings[rule.setting]))  # type: ignore[call-overload]
        entry = overrides.get(rule.key, {})
        configured.append(
            replace(rule, threshold=entry.get("threshold", rule.threshold), enabled=entry.get("enabled", True))
        )
    return tuple(configured)


def problems(settings: Mapping[str, object]) -> list[str]:
    """What is wrong with the supervision settings, each problem named (the app refuses to start)."""
    try:
        overrides = json.loads(str(settings.get(OVERRIDES) or "{}"))
    except ValueError:
        overrides = None
    if not isinstance(overrides, dict) or not all(isinstance(entry, dict) for entry in overrides.values()):
        return [f'{OVERRIDES} must be a JSON object of objects, e.g. {{"ticket_wait": {{"threshold": 45}}}}']
    found = [f"{OVERRIDES} names unknown rules: {', '.join(sorted(set(overrides) - set(KEYS)))}"]
    found = found if set(overrides) - set(KEYS) else []
    for rule in DEFAULTS:
        entry = overrides.get(rule.key, {})
        unknown = sorted(set(entry) - {"threshold", "enabled"})
        if unknown:
            found.append(f"{OVERRIDES}.{rule.key} has unknown fields: {', '.join(unknown)} (threshold, enabled)")
        if not isinstance(entry.get("enabled", True), bool):
            found.append(f"{OVERRIDES}.{rule.key}.enabled must be true or false")
        if "threshold" in entry:
            found += _threshold_problems(rule, entry["threshold"], f"{OVERRIDES}.{rule.key}.threshold")
        elif rule.setting is not None:
            found += _threshold_problems(rule, settings.get(rule.setting), rule.setting)
    return found


def _threshold_problems(rule: Rule, value: object, where: str) -> list[str]:
    if rule.bounds is None:
        return [f"{where}: the rule {rule.key} has no threshold"]
    low, high = rule.bounds
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        return [f"{where} must be a whole number of {rule.unit} from {low} to {high}"]
    return []
