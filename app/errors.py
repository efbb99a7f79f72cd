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


# --- Identity ---------------------------------------------------------------------------


class SmsTooFrequent(RateLimited):
    code = "SMS_TOO_FREQUENT"
    message_zh = "验证码发送过于频繁，请稍后再试"
    message_en = "Too many codes requested, please wait before asking again"


class RateLimitUnavailable(DependencyUnavailable):
    code = "RATE_LIMIT_UNAVAILABLE"
    message_zh = "暂时无法发送验证码，请稍后再试"
    message_en = "Codes cannot be sent right now, please try again later"


class SmsUnavailable(DependencyUnavailable):
    code = "SMS_UNAVAILABLE"
    message_zh = "短信发送失败，请稍后再试"
    message_en = "The text message could not be sent, please try again later"


class ProviderUnavailable(DependencyUnavailable):
    code = "PROVIDER_UNAVAILABLE"
    message_zh = "第三方服务暂时不可用，请稍后再试"
    message_en = "An outside service is temporarily unavailable, please try again later"


class AuthUnavailable(DependencyUnavailable):
    code = "AUTH_UNAVAILABLE"
    message_zh = "暂时无法验证登录状态，请稍后再试"
    message_en = "Your login cannot be checked right now, please try again later"


class OtpInvalid(Unauthenticated):
    code = "OTP_INVALID"
    message_zh = "验证码错误"
    message_en = "The code is not correct"


class OtpExpired(Unauthenticated):
    code = "OTP_EXPIRED"
    message_zh = "验证码已过期，请重新获取"
    message_en = "The code has expired, please request a new one"


class OtpAttemptsExceeded(RateLimited):
    code = "OTP_ATTEMPTS_EXCEEDED"
    message_zh = "验证码错误次数过多，请重新获取"
    message_en = "Too many wrong codes; please request a new one"


class LoginCodeInvalid(Unauthenticated):
    code = "LOGIN_CODE_INVALID"
    message_zh = "授权已失效，请重新登录"
    message_en = "The login authorisation is invalid or used, please try again"


class TokenInvalid(Unauthenticated):
    code = "AUTH_INVALID_TOKEN"
    message_zh = "登录凭证无效，请重新登录"
    message_en = "The access token is invalid, please log in again"


class SessionEnded(Unauthenticated):
    code = "AUTH_TOKEN_REVOKED"
    message_zh = "登录已失效，请重新登录"
    message_en = "This session has ended, please log in again"


class FreshLoginRequired(Unauthenticated):
    code = "AUTH_FRESH_LOGIN_REQUIRED"
    message_zh = "请重新登录后再操作"
    message_en = "Please log in again to do this"


class InvalidCredentials(Unauthenticated):
    code = "INVALID_CREDENTIALS"
    message_zh = "用户名或密码错误"
    message_en = "The username or password is not correct"


class SecondFactorRequired(Unauthenticated):
    code = "TOTP_REQUIRED"
    message_zh = "请输入动态验证码"
    message_en = "Enter the code from your authenticator app"


class AccountLocked(RateLimited):
    code = "ACCOUNT_LOCKED"
    message_zh = "登录失败次数过多，账号已暂时锁定"
    message_en = "Too many failed logins; the account is locked for a while"


class AssuranceRequired(Forbidden):
    code = "ASSURANCE_REQUIRED"
    message_zh = "请先完成实名认证"
    message_en = "Please verify your identity first"


class IdNumberInUse(Conflict):
    code = "ID_NUMBER_IN_USE"
    message_zh = "该身份证号已绑定其他账号"
    message_en = "This ID number is already bound to another account"


class PhoneInUse(Conflict):
    code = "PHONE_IN_USE"
    message_zh = "该手机号已绑定其他账号"
    message_en = "This phone number is already bound to another account"


class AccountHasOpenCases(Conflict):
    code = "ACCOUNT_HAS_OPEN_CASES"
    message_zh = "您有正在办理的事项，办结或撤回后才能注销账号"
    message_en = "You have applications in progress; the account can be deleted once they are concluded or withdrawn"


class ConsentRequired(Conflict):
    code = "CONSENT_REQUIRED"
    message_zh = "人脸识别需要您单独同意"
    message_en = "Face verification needs your separate consent first"


class FaceTicketInvalid(RuleViolation):
    code = "FACE_TICKET_INVALID"
    message_zh = "人脸核验已失效，请重新核验"
    message_en = "The face check is no longer valid, please verify again"


class CallbackSignatureInvalid(Unauthenticated):
    code = "CALLBACK_SIGNATURE_INVALID"
    message_zh = "回调签名无效"
    message_en = "The callback signature is not valid"


class CallbackExpired(Unauthenticated):
    code = "CALLBACK_EXPIRED"
    message_zh = "回调已过期"
    message_en = "The callback timestamp is outside the accepted window"


class AccountDisabled(Forbidden):
    code = "ACCOUNT_DISABLED"
    message_zh = "账号已停用"
    message_en = "This account has been disabled"


class RealNameBound(Conflict):
    code = "REAL_NAME_ALREADY_BOUND"
    message_zh = "该账号已绑定其他身份证件"
    message_en = "This account is already bound to another ID number"


class FaceSessionUnknown(InvalidInput):
    code = "FACE_SESSION_UNKNOWN"
    message_zh = "人脸核验记录不存在"
    message_en = "No face check matches this callback"


class FaceStartRefused(RuleViolation):
    code = "FACE_START_REFUSED"
    message_zh = "人脸核验无法发起，请核对身份信息或改用其他方式"
    message_en = "The face check could not be started; check your details or use another way"


class ProxyInvalid(RuleViolation):
    code = "PROXY_NOT_ALLOWED"
    message_zh = "无法建立该代办关系"
    message_en = "This proxy relationship cannot be set up"


class TotpInvalid(Unauthenticated):
    code = "TOTP_INVALID"
    message_zh = "动态验证码错误"
    message_en = "The authenticator code is not correct"


class TotpNotEnrolled(Unauthenticated):
    code = "TOTP_NOT_ENROLLED"
    message_zh = "该账号需要动态验证码，请联系管理员开通"
    message_en = "This account needs an authenticator app; ask an administrator to enrol it"


class UsernameTaken(Conflict):
    code = "USERNAME_TAKEN"
    message_zh = "该用户名已被使用"
    message_en = "This username is already taken"


class StaffSelfChange(RuleViolation):
    code = "STAFF_SELF_CHANGE"
    message_zh = "不能修改自己的角色或停用自己的账号"
    message_en = "You cannot change your own roles or disable your own account"


class DeviceTokenInvalid(Unauthenticated):
    code = "DEVICE_TOKEN_INVALID"
    message_zh = "设备凭证无效或已吊销"
    message_en = "The device token is missing, invalid or revoked"


class AuditUnavailable(DependencyUnavailable):
    code = "AUDIT_UNAVAILABLE"
    message_zh = "审计记录暂时无法写入，数据未返回，请稍后再试"
    message_en = "The access could not be audited, so no data was returned; please try again later"


class CodeTaken(Conflict):
    code = "CODE_TAKEN"
    message_zh = "该编码已被使用"
    message_en = "Another record already has this code"


class InUse(Conflict):
    code = "IN_USE"
    message_zh = "仍有其他数据引用此项，无法删除"
    message_en = "Other records still refer to this one, so it cannot be deleted"


# --- Links ------------------------------------------------------------------------------


class Gone(DomainError):
    """The thing existed but is no more (an expired or revoked link): 410."""


class LinkInvalid(InvalidInput):
    code = "LINK_INVALID"
    message_zh = "链接无效"
    message_en = "This link is not valid"


class LinkExpired(Gone):
    code = "LINK_EXPIRED"
    message_zh = "链接已过期"
    message_en = "This link has expired"


class LinkRevoked(Gone):
    code = "LINK_REVOKED"
    message_zh = "链接已失效"
    message_en = "This link has been withdrawn"


# --- Appointments -----------------------------------------------------------------------


class ItemNotBookable(RuleViolation):
    code = "ITEM_NOT_BOOKABLE"
    message_zh = "该事项不支持预约，请直接到大厅取号办理"
    message_en = "This service cannot be booked; take a ticket at the hall instead"


class CapacityBelowBooked(RuleViolation):
    code = "CAPACITY_BELOW_BOOKED"
    message_zh = "号源数不能少于已预约人数"
    message_en = "The capacity cannot be lower than the number already booked"


class SlotFull(Conflict):
    code = "SLOT_FULL"
    message_zh = "该时段已约满，请选择其他时段"
    message_en = "This slot is fully booked; please choose another"


class SlotClosed(Conflict):
    code = "SLOT_CLOSED"
    message_zh = "该时段已停止预约，请选择其他时段"
    message_en = "This slot is closed; please choose another"


class SlotNotReleased(RuleViolation):
    """Before 放号: ``details.opens_at`` says when to come back."""

    code = "SLOT_NOT_RELEASED"


class BookingClosed(RuleViolation):
    """Too close to the slot: a later slot, or a walk-in ticket at the hall."""

    code = "BOOKING_CLOSED"


class NotAWorkingDay(RuleViolation):
    code = "NOT_A_WORKING_DAY"
    message_zh = "该日为非工作日，大厅不办理业务，请选择其他日期"
    message_en = "The hall does not work on this day; please choose another date"


class AlreadyBooked(Conflict):
    """One active booking per item: ``details.reference`` is the one the resident has."""

    code = "ALREADY_BOOKED"


class BookingOverlap(Conflict):
    code = "BOOKING_OVERLAP"


class TooManyBookings(RuleViolation):
    code = "TOO_MANY_BOOKINGS"


class BookingBanned(Forbidden):
    """``details.until``: when the resident can book again."""

    code = "BOOKING_BANNED"


class AppointmentNotActive(Conflict):
    code = "APPOINTMENT_NOT_ACTIVE"
    message_zh = "该预约已取消、已签到或已过期"
    message_en = "This appointment is cancelled, checked in or over"


class ChangeTooLate(RuleViolation):
    """Cancelling or rescheduling after the deadline (``details.deadline``)."""

    code = "CHANGE_TOO_LATE"


class CheckInInvalid(InvalidInput):
    code = "CHECK_IN_INVALID"
    message_zh = "签到码无效"
    message_en = "This check-in code is not valid"


class CheckInWrongHall(RuleViolation):
    code = "CHECK_IN_WRONG_HALL"


class CheckInTooEarly(RuleViolation):
    code = "CHECK_IN_TOO_EARLY"


class CheckInExpired(Gone):
    code = "CHECK_IN_EXPIRED"
    message_zh = "预约签到时间已过，请在大厅直接取号"
    message_en = "The check-in time of this appointment has passed; take a ticket at the hall"


class AlreadyCheckedIn(Conflict):
    code = "ALREADY_CHECKED_IN"
    message_zh = "该预约已签到"
    message_en = "This appointment is already checked in"


class BanNotActive(Conflict):
    code = "BAN_NOT_ACTIVE"
    message_zh = "该限制已解除或已到期"
    message_en = "This ban has already ended or been lifted"


# --- Idempotency ------------------------------------------------------------------------


class IdempotencyKeyRequired(InvalidInput):
    code = "IDEMPOTENCY_KEY_REQUIRED"
    message_zh = "请求缺少 Idempotency-Key 请求头"
    message_en = "This request needs an Idempotency-Key header (1-255 printable ASCII characters)"


class IdempotencyKeyReused(RuleViolation):
    code = "IDEMPOTENCY_KEY_REUSED"
    message_zh = "该 Idempotency-Key 已用于另一内容的请求"
    message_en = "This Idempotency-Key was already used for a different request"


# --- Queue --------------------------------------------------------------------------------------


class HallClosed(RuleViolation):
    code = "HALL_CLOSED"
    message_zh = "大厅当前不在办公时间，请在办公时间取号"
    message_en = "The hall is closed now; take a ticket during its opening hours"


class AlreadyQueued(Conflict):
    """One active ticket per resident per hall: ``details.number`` is the one they hold."""

    code = "ALREADY_QUEUED"
    message_zh = "您在该大厅已有排队中的号码"
    message_en = "You already hold a ticket at this hall"


class TicketNotWaiting(Conflict):
    code = "TICKET_NOT_WAITING"
    message_zh = "该号码已被叫号、办理或取消"
    message_en = "This ticket has been called, served or cancelled"


class TicketState(Conflict):
    """A window action the ticket's state does not allow: ``details.status`` is its state now."""

    code = "TICKET_STATE"
    message_zh = "该号码当前状态不允许此操作"
    message_en = "The ticket's current state does not allow this action"


class WindowPaused(Conflict):
    """Calling at a paused window: ``details.reason`` is why it paused; resume it first."""

    code = "WINDOW_PAUSED"
    message_zh = "窗口已暂停，请先恢复窗口再叫号"
    message_en = "The window is paused; resume it before calling"


# --- Uploads ------------------------------------------------------------------------------------


class PayloadTooLarge(DomainError):
    """A file over its size limit: 413."""


class UnsupportedMediaType(DomainError):
    """Content of a kind the action does not take: 415."""


class UploadEmpty(InvalidInput):
    code = "UPLOAD_EMPTY"
    message_zh = "上传的文件为空"
    message_en = "The uploaded file is empty"


class UploadTooLarge(PayloadTooLarge):
    """``details.max_bytes``: the limit."""

    code = "UPLOAD_TOO_LARGE"
    message_zh = "文件超过大小上限"
    message_en = "The file is larger than the limit allows"


class UploadTypeNotAccepted(UnsupportedMediaType):
    """Judged by the file's content, not its name; ``details.accepted`` lists the media types taken."""

    code = "UPLOAD_TYPE"
    message_zh = "仅支持 PDF、JPEG、PNG 格式的文件"
    message_en = "Only PDF, JPEG and PNG files are accepted"


class UploadDamaged(InvalidInput):
    code = "UPLOAD_DAMAGED"
    message_zh = "文件不完整或已损坏"
    message_en = "The file is incomplete or damaged"


# --- Application lifecycle ------------------------------------------------------------------


class InvalidTransition(Conflict):
    """An action the application's state (or the actor) does not allow: ``details.state`` and
    ``details.allowed``, the actions the caller may take instead."""

    code = "INVALID_TRANSITION"
    message_zh = "办件当前状态不允许此操作"
    message_en = "This action does not fit the application's current state"


class ItemNotOnline(RuleViolation):
    """The item is not handled online (``online`` is false in its guide): the resident applies at a hall."""

    code = "ITEM_NOT_ONLINE"
    message_zh = "该事项暂不支持网上申请，请到大厅办理"
    message_en = "This item cannot be applied for online; please apply at a service hall"


class UploadLimit(RuleViolation):
    """``details.per_material`` and ``details.per_application``: how many files are kept at most."""

    code = "UPLOAD_LIMIT"
    message_zh = "上传的文件数量已达上限，请先删除不需要的文件"
    message_en = "Too many files; remove one you do not need first"


# --- Ratings (好差评) and their work orders ------------------------------------------------------


class AlreadyRated(Conflict):
    """One rating per ticket or application: ``details.evaluation_id`` is the one given."""

    code = "ALREADY_RATED"
    message_zh = "您已评价过本次服务"
    message_en = "This service has already been rated"


class RatingNotOpen(RuleViolation):
    """``details.reason``: ``not_finished`` (the ticket or application is not done yet) or ``expired`` (past the
    rating window); ``details.until`` when expired."""

    code = "RATING_NOT_OPEN"
    message_zh = "当前不能评价本次服务"
    message_en = "This service cannot be rated now"


class WorkOrderState(Conflict):
    """A step the work order's state (or the caller's role) does not allow: ``details.status`` and
    ``details.allowed``, the steps that fit now."""

    code = "WORK_ORDER_STATE"
    message_zh = "差评工单当前状态不允许此操作"
    message_en = "This step does not fit the work order's current state"


# --- Supervision alerts (电子监察) --------------------------------------------------------------------


class AlertState(Conflict):
    """An action the alert's status does not allow: ``details.status`` and ``details.allowed``, the actions that
    fit now."""

    code = "ALERT_STATE"
    message_zh = "监察预警当前状态不允许此操作"
    message_en = "This action does not fit the alert's current status"


class ComplaintState(Conflict):
    """The complaint's state does not allow this (a second reply, a rating before the reply): ``details.status``."""

    code = "COMPLAINT_STATE"
    message_zh = "投诉当前状态不允许此操作"
    message_en = "This action does not fit the complaint's current state"
