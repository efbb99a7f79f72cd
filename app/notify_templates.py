"""Every message PalmGov sends, in one place: its Chinese text, its parameters, the channels that may
carry it, and each provider's template code.

Providers approve templates in advance (短信模板, 订阅消息模板): an SMS template is a fixed
text with ``${name}`` (Aliyun) or positional ``{1}`` (Tencent) slots, a WeChat subscribe
template has typed keys (``thing1``, ``time2``…), an Alipay template its own ids. The codes
here are placeholders for a deployment's own: set ``NOTIFY_TEMPLATE_CODES`` (JSON, merged
over ``CODES``) to the codes your provider accounts approved.

Parameter kinds follow WeChat's value types, whose limits are the strictest; values are
checked against them before any channel is tried (``check_values``). A template with
``sms_link`` sends its SMS with one more parameter, ``link`` (kind ``url``, appended last): a
short link to the page a mini-program message would open when tapped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

SMS, WECHAT, ALIPAY = "sms", "wechat", "alipay"
CHANNELS = (SMS, WECHAT, ALIPAY)

# WeChat subscribe-message value types and what each accepts.
_TIME = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}\Z|\d{2}:\d{2}\Z", re.ASCII)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z", re.ASCII)
_NUMBER = re.compile(r"[0-9.+-]{1,32}\Z", re.ASCII)
_CHARACTERS = re.compile(r"[0-9A-Za-z!-/:-@\[-`{-~]{1,32}\Z", re.ASCII)
_PHONE = re.compile(r"[0-9+\- ]{1,17}\Z", re.ASCII)
_CJK = re.compile(r"[\u4e00-\u9fff]{1,5}\Z")
_URL = re.compile(r"(?=.{1,64}\Z)https?://\S+\Z", re.ASCII)
KINDS: dict[str, tuple[str, object]] = {
    "thing": ("at most 20 characters", 20),
    "name": ("at most 10 characters", 10),
    "phrase": ("at most 5 Chinese characters", _CJK),
    "number": ("a number, at most 32 characters", _NUMBER),
    "character_string": ("at most 32 letters, digits or symbols", _CHARACTERS),
    "time": ("YYYY-MM-DD HH:MM or HH:MM", _TIME),
    "date": ("YYYY-MM-DD", _DATE),
    "phone_number": ("a phone number", _PHONE),
    "url": ("a link of at most 64 characters", _URL),  # ours, not WeChat's: only SMS carry one
}
# The short link an SMS carries in place of the tap that opens a mini-program message's page.
SMS_LINK = ("link", "url")


@dataclass(frozen=True)
class Template:
    key: str
    text: str  # Chinese text with {name} slots: the SMS, and what the sandbox shows
    params: tuple[tuple[str, str], ...]  # (name, kind) in the order positional providers (Tencent) need
    channels: frozenset[str] = frozenset(CHANNELS)
    urgent: bool = False  # never held back by quiet hours (login codes, a ticket being called)
    secret: bool = False  # values are never stored (login codes): sent at once, not through the outbox
    setting: str | None = None  # the resident setting that can turn it off: "reminders" or "progress"
    page: str | None = None  # the mini-program page a tap opens, when the message carries no link
    sms_link: bool = False  # the SMS ends with a short link to that page (SMS_LINK, after the params)

    @property
    def param_names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.params)

    @property
    def sms_params(self) -> tuple[tuple[str, str], ...]:
        """The SMS template's parameters: ``params``, then the link when it carries one."""
        return (*self.params, SMS_LINK) if self.sms_link else self.params

    def render(self, values: Mapping[str, str]) -> str:
        # A mini-program message has no link (a tap opens the page): its slot stays empty.
        return self.text.format_map({SMS_LINK[0]: "", **values})


TEMPLATES: dict[str, Template] = {
    template.key: template
    for template in (
        Template(
            "otp",
            "您的验证码为{code}，5分钟内有效，请勿告诉他人。如非本人操作，请忽略本短信。",
            (("code", "character_string"),),
            channels=frozenset({SMS}),
            urgent=True,
            secret=True,
        ),
        Template(
            "appointment_booked",
            "您已预约{item}，时间{time}，地点{hall}。请按一次性告知单备齐材料，按时到场取号。",
            (("item", "thing"), ("time", "time"), ("hall", "thing")),
            page="pages/appointment/index",
        ),
        Template(
            "appointment_reminder",
            "温馨提醒：您预约的{item}将于{time}在{hall}办理，请携带{materials}材料准时到场。材料清单：{link}",
            (("item", "thing"), ("time", "time"), ("hall", "thing"), ("materials", "thing")),
            setting="reminders",
            page="pages/appointment/index",
            sms_link=True,
        ),
        Template(
            "appointment_cancelled",
            "您预约的{item}（{time}）已取消，原因：{reason}。",
            (("item", "thing"), ("time", "time"), ("reason", "thing")),
            page="pages/appointment/index",
        ),
        Template(
            "ticket_called",
            "请{number}号到{window}号窗口办理{item}。",
            (("number", "character_string"), ("window", "character_string"), ("item", "thing")),
            urgent=True,
            page="pages/ticket/index",
        ),
        Template(
            "ticket_near",
            "您的号码{number}前面还有{ahead}人，请留意叫号。",
            (("number", "character_string"), ("ahead", "number")),
            urgent=True,
            setting="reminders",
            page="pages/ticket/index",
        ),
        Template(
            "application_progress",
            "您的{item}申请（{serial}）{status}。",
            (("item", "thing"), ("serial", "character_string"), ("status", "thing")),
            setting="progress",
            page="pages/application/index",
        ),
        Template(
            "application_supplement",
            "您的{item}申请（{serial}）需补正材料：{materials}，请在{deadline}前提交。",
            (("item", "thing"), ("serial", "character_string"), ("materials", "thing"), ("deadline", "date")),
            page="pages/application/index",
        ),
        Template(
            "application_done",
            "您的{item}申请（{serial}）已办结：{result}。欢迎对本次服务进行评价。",
            (("item", "thing"), ("serial", "character_string"), ("result", "thing")),
            page="pages/application/index",
        ),
        Template(
            "rating_reply",
            "您对{item}的评价已处理：{reply}。",
            (("item", "thing"), ("reply", "thing")),
            page="pages/rating/index",
        ),
        Template(
            "booking_warning",
            "您预约的{item}（{time}）{reason}，计违约1次。再违约{left}次将暂停网上预约资格，如不能到场请提前取消。",
            (("item", "thing"), ("time", "time"), ("reason", "phrase"), ("left", "number")),
            page="pages/appointment/index",
        ),
        Template(
            "booking_banned",
            "因{reason}，您的网上预约资格暂停至{until}，期间可到大厅现场取号办理。如有异议请联系大厅。",
            (("reason", "phrase"), ("until", "date")),
            page="pages/appointment/index",
        ),
        Template(
            "complaint_reply",
            "您的投诉已答复：{reply}。",
            (("reply", "thing"),),
            page="pages/complaint/index",
        ),
    )
}


# Placeholder codes; a deployment overrides them with NOTIFY_TEMPLATE_CODES. WeChat and Alipay map each
# of our parameters to the key of their approved template.
def _placeholder_codes(index: int, key: str, found: Template) -> dict[str, object]:
    codes: dict[str, object] = {"aliyun": f"SMS_PALMGOV_{key.upper()}", "tencent": str(100000 + index)}
    if WECHAT in found.channels:
        numbered = list(enumerate(found.params, 1))
        codes[WECHAT] = {"id": f"wx-{key}", "keys": {name: f"{kind}{n}" for n, (name, kind) in numbered}}
        codes[ALIPAY] = {"id": f"ali-{key}", "keys": {name: f"keyword{n}" for n, (name, _) in numbered}}
    return codes


CODES: dict[str, dict[str, object]] = {
    key: _placeholder_codes(index, key, found) for index, (key, found) in enumerate(TEMPLATES.items(), 1)
}


class TemplateError(ValueError):
    """Values that do not fit a template: ``problems`` maps each parameter to what is wrong."""

    def __init__(self, key: str, problems: Mapping[str, str]) -> None:
        super().__init__(f"{key}: " + "; ".join(f"{name}: {problem}" for name, problem in problems.items()))
        self.key = key
        self.problems = dict(problems)


def template(key: str) -> Template:
    found = TEMPLATES.get(key)
    if found is None:
        raise TemplateError(key, {"template": "unknown template"})
    return found


def check_values(key: str, values: Mapping[str, object], *, sms: bool = False) -> dict[str, str]:
    """The template's values as strings, in its order; ``TemplateError`` if any is missing, extra or too long.

    ``sms`` checks them against the SMS template's parameters (``sms_params``: with the link).
    """
    found = template(key)
    params = found.sms_params if sms else found.params
    names = {name for name, _ in params}
    problems = {name: "not a parameter of this template" for name in values if name not in names}
    checked: dict[str, str] = {}
    for name, kind in params:
        value = values.get(name)
        if value is None:
            problems[name] = "missing"
            continue
        text = str(value)
        hint, rule = KINDS[kind]
        fits = len(text) <= rule if isinstance(rule, int) else bool(rule.match(text))  # type: ignore[attr-defined]
        if not text or not fits:
            problems[name] = hint
        checked[name] = text
    if problems:
        raise TemplateError(key, problems)
    return checked


@dataclass(frozen=True)
class Codes:
    """One deployment's template codes (``CODES`` with ``NOTIFY_TEMPLATE_CODES`` merged over it)."""

    codes: Mapping[str, Mapping[str, object]] = field(default_factory=lambda: CODES)

    def merged(self, overrides: Mapping[str, Mapping[str, object]]) -> Codes:
        return Codes({key: {**self.codes.get(key, {}), **overrides.get(key, {})} for key in {*self.codes, *overrides}})

    def sms(self, provider: str, key: str) -> str:
        """The SMS template code (Aliyun ``TemplateCode``, Tencent ``TemplateId``) of ``key``."""
        code = self.codes.get(key, {}).get(provider)
        if not isinstance(code, str) or not code:
            raise TemplateError(key, {provider: "no template code configured"})
        return code

    def mini_program(self, channel: str, key: str) -> tuple[str, dict[str, str]]:
        """The subscribe template id of ``key`` on WeChat or Alipay and its parameter-to-key map."""
        entry = self.codes.get(key, {}).get(channel)
        if not isinstance(entry, Mapping) or not entry.get("id"):
            raise TemplateError(key, {channel: "no template configured"})
        return str(entry["id"]), dict(entry.get("keys", {}))

    def template_for(self, channel: str, template_id: str) -> str | None:
        """Our key for a provider's subscribe template id (credits arrive as provider ids)."""
        for key, entry in self.codes.items():
            provider_entry = entry.get(channel)
            if isinstance(provider_entry, Mapping) and provider_entry.get("id") == template_id:
                return key
        return None
