"""Domain errors: every failure a use case can report, each with a stable code.

The classes say what went wrong in domain terms; ``api/errors.py`` maps each
family to an HTTP status. Codes never change once published. Messages are
Chinese with an English counterpart; the API picks per ``Accept-Language``.
"""

from __future__ import annotations

from typing import Any, ClassVar


class DomainError(Exception):
    code: ClassVar[str] = "DOMAIN_ERROR"
    message_zh: ClassVar[str] = "业务规则不允许此操作"
    message_en: ClassVar[str] = "This action is not allowed by the service rules"

    def __init__(
        self,
        message_zh: str | None = None,
        message_en: str | None = None,
        *,
        details: dict[str, Any] | None = None,
    ) -> None:
        self.zh = message_zh or self.message_zh
        self.en = message_en or self.message_en
        self.details = details or {}
        super().__init__(f"{self.code}: {self.en}")


class InvalidInput(DomainError):
    """The request is well formed but a value in it is not acceptable."""

    code = "VALIDATION_ERROR"
    message_zh = "提交的内容有误"
    message_en = "Some submitted values are not valid"


class NotFound(DomainError):
    """Missing, or not visible to the caller (the two look the same on purpose)."""

    code = "NOT_FOUND"
    message_zh = "请求的内容不存在"
    message_en = "The requested resource does not exist"


class Forbidden(DomainError):
    code = "FORBIDDEN"
    message_zh = "无权执行此操作"
    message_en = "You are not allowed to do this"


class Unauthenticated(DomainError):
    code = "AUTH_REQUIRED"
    message_zh = "请先登录"
    message_en = "Please log in first"


class Conflict(DomainError):
    """The action clashes with the current state of the resource."""

    code = "CONFLICT"
    message_zh = "操作与当前状态冲突"
    message_en = "The action conflicts with the current state"


class RuleViolation(DomainError):
    """A business rule forbids the action right now."""


class RateLimited(DomainError):
    code = "RATE_LIMITED"
    message_zh = "操作过于频繁，请稍后再试"
    message_en = "Too many requests, please try again later"

    def __init__(self, retry_after: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.retry_after = max(1, int(retry_after))
        self.details.setdefault("retry_after", self.retry_after)


class DependencyUnavailable(DomainError):
    """Something PalmGov relies on is down; the client may retry later."""

    code = "SERVICE_UNAVAILABLE"
    message_zh = "服务暂时不可用，请稍后再试"
    message_en = "The service is temporarily unavailable, please try again later"


class RedisUnavailable(DependencyUnavailable):
    code = "REDIS_UNAVAILABLE"
    message_zh = "缓存服务暂时不可用，请稍后再试"
    message_en = "The cache service is temporarily unavailable, please try again later"


class DatabaseUnavailable(DependencyUnavailable):
    code = "DB_UNAVAILABLE"
    message_zh = "数据库暂时不可用，请稍后再试"
    message_en = "The database is temporarily unavailable, please try again later"


class NotReady(DependencyUnavailable):
    code = "NOT_READY"
    message_zh = "服务依赖不可用"
    message_en = "A dependency of the service is unavailable"
