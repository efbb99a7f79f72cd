"""The signing schemes of the providers, pinned by their published test vectors.

- Alipay RSA2 (SHA256withRSA, PKCS#1 v1.5) over sorted ``k=v`` pairs.
- Tencent Cloud TC3-HMAC-SHA256.
- Aliyun RPC v1 (HMAC-SHA1).
- WeChat push signature (SHA1 of the sorted parts) and the face 2.0 ``cert_hash``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import urllib.parse
from collections.abc import Mapping

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa


def load_private_key(pem_or_base64: str) -> rsa.RSAPrivateKey:
    """An RSA key as PEM or as the bare base64 body Alipay's console shows (PKCS#8)."""
    text = pem_or_base64.strip()
    if not text.startswith("-----"):
        text = "-----BEGIN PRIVATE KEY-----\n" + text + "\n-----END PRIVATE KEY-----\n"
    key = serialization.load_pem_private_key(text.encode(), password=None)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise ValueError("not an RSA private key")
    return key


def load_public_key(pem_or_base64: str) -> rsa.RSAPublicKey:
    text = pem_or_base64.strip()
    if not text.startswith("-----"):
        text = "-----BEGIN PUBLIC KEY-----\n" + text + "\n-----END PUBLIC KEY-----\n"
    key = serialization.load_pem_public_key(text.encode())
    if not isinstance(key, rsa.RSAPublicKey):
        raise ValueError("not an RSA public key")
    return key


# --- Alipay RSA2 ---------------------------------------------------------------


def alipay_sign_content(params: Mapping[str, str], *, exclude: tuple[str, ...] = ("sign",)) -> str:
    """Every parameter but ``exclude``, empty values skipped, ASCII-sorted, raw values."""
    return "&".join(f"{k}={v}" for k, v in sorted(params.items()) if k not in exclude and v not in (None, ""))


def rsa2_sign(key: rsa.RSAPrivateKey, content: str) -> str:
    return base64.b64encode(key.sign(content.encode(), padding.PKCS1v15(), hashes.SHA256())).decode()


def rsa2_verify(key: rsa.RSAPublicKey, content: bytes, signature: str) -> bool:
    try:
        key.verify(base64.b64decode(signature), content, padding.PKCS1v15(), hashes.SHA256())
    except (InvalidSignature, ValueError):
        return False
    return True


def alipay_signed_block(raw: str, node: str) -> str:
    """The raw text of the ``node`` object in a gateway response, cut byte-exact (never re-serialised)."""
    start = raw.index("{", raw.index(f'"{node}"'))
    depth, in_string, escaped = 0, False, False
    for i in range(start, len(raw)):
        char = raw[i]
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return raw[start : i + 1]
    raise ValueError(f"unbalanced JSON in {node}")


# --- Tencent Cloud TC3-HMAC-SHA256 ---------------------------------------------


def _sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def tc3_signature(secret_key: str, date: str, service: str, string_to_sign: str) -> str:
    key = hmac.new(("TC3" + secret_key).encode(), date.encode(), hashlib.sha256).digest()
    key = hmac.new(key, service.encode(), hashlib.sha256).digest()
    key = hmac.new(key, b"tc3_request", hashlib.sha256).digest()
    return hmac.new(key, string_to_sign.encode(), hashlib.sha256).hexdigest()


def tc3_string_to_sign(host: str, service: str, timestamp: int, body: bytes) -> tuple[str, str]:
    """(string to sign, credential scope) for a JSON POST to ``/``."""
    date = _utc_date(timestamp)
    canonical = f"POST\n/\n\ncontent-type:application/json\nhost:{host}\n\ncontent-type;host\n{_sha256_hex(body)}"
    scope = f"{date}/{service}/tc3_request"
    return f"TC3-HMAC-SHA256\n{timestamp}\n{scope}\n{_sha256_hex(canonical.encode())}", scope


def tc3_headers(
    *,
    secret_id: str,
    secret_key: str,
    host: str,
    service: str,
    action: str,
    version: str,
    region: str,
    timestamp: int,
    body: bytes,
) -> dict[str, str]:
    string_to_sign, scope = tc3_string_to_sign(host, service, timestamp, body)
    signature = tc3_signature(secret_key, _utc_date(timestamp), service, string_to_sign)
    headers = {
        "Authorization": f"TC3-HMAC-SHA256 Credential={secret_id}/{scope}, SignedHeaders=content-type;host, "
        f"Signature={signature}",
        "Content-Type": "application/json",
        "Host": host,
        "X-TC-Action": action,
        "X-TC-Timestamp": str(timestamp),
        "X-TC-Version": version,
    }
    if region:
        headers["X-TC-Region"] = region
    return headers


def _utc_date(timestamp: int) -> str:
    from datetime import UTC, datetime

    return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d")


# --- Aliyun RPC v1 -------------------------------------------------------------


def aliyun_percent(value: str) -> str:
    return urllib.parse.quote(str(value), safe="-_.~")


def aliyun_rpc_signature(method: str, params: Mapping[str, str], secret: str) -> str:
    query = "&".join(f"{aliyun_percent(k)}={aliyun_percent(v)}" for k, v in sorted(params.items()) if k != "Signature")
    string_to_sign = f"{method}&{aliyun_percent('/')}&{aliyun_percent(query)}"
    return base64.b64encode(hmac.new((secret + "&").encode(), string_to_sign.encode(), hashlib.sha1).digest()).decode()


# --- WeChat --------------------------------------------------------------------


def wechat_push_signature(token: str, timestamp: str, nonce: str, encrypt: str | None = None) -> str:
    parts = [token, timestamp, nonce, *([encrypt] if encrypt is not None else [])]
    return hashlib.sha1("".join(sorted(parts)).encode()).hexdigest()  # noqa: S324 (the protocol's choice)


def wechat_cert_hash(cert_type: str, cert_name: str, cert_no: str) -> str:
    def b64(text: str) -> str:
        return base64.b64encode(text.encode()).decode()

    return _sha256_hex(f"cert_type={b64(cert_type)}&cert_name={b64(cert_name)}&cert_no={b64(cert_no)}".encode())


def compact_json(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
