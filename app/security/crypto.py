"""Field encryption and blind indexes for personal data at rest.

- ``encrypt(value, context)`` gives ``"<cipher>.<key version>.<base64 nonce|ciphertext|tag>"``.
  The cipher is SM4-GCM (GB/T 32907) by default or AES-256-GCM by setting; the
  context (e.g. ``"resident.phone"``) is bound as associated data, so a value
  copied into another column does not decrypt. Old key versions still decrypt.
- ``blind_index(value, purpose)`` is HMAC-SM3 under a separate key: equal values
  give equal indexes (lookups, uniqueness) without storing the value.
- Known-answer tests for SM4 and SM3 run when the app starts, so a crypto
  library that fakes them is refused.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import hmac as crypto_hmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from flask import Flask, current_app

NONCE_BYTES = 12
TAG_BYTES = 16
CIPHERS = ("sm4-gcm", "aes-gcm")
_TAGS = {"sm4-gcm": "sm4g", "aes-gcm": "aesg"}
_NAMES = {tag: name for name, tag in _TAGS.items()}


class CryptoConfigError(RuntimeError):
    """The key settings are missing or malformed, or a known-answer test failed."""


class DecryptionError(Exception):
    """A stored value does not decrypt: wrong key, wrong column, or tampered bytes."""


def sm3_hmac(key: bytes, message: bytes) -> bytes:
    mac = crypto_hmac.HMAC(key, hashes.SM3())
    mac.update(message)
    return mac.finalize()


def _derive(master: bytes, cipher: str) -> bytes:
    # One 32-byte master key per version; each cipher gets its own subkey.
    if cipher == "sm4-gcm":
        return sm3_hmac(master, b"palmgov field key sm4-gcm")[:16]
    return hmac.new(master, b"palmgov field key aes-gcm", hashlib.sha256).digest()


def _algorithm(cipher: str, key: bytes) -> algorithms.BlockCipherAlgorithm:
    return algorithms.SM4(key) if cipher == "sm4-gcm" else algorithms.AES(key)


@dataclass(frozen=True)
class FieldCrypto:
    keys: dict[int, bytes]
    cipher: str
    index_key: bytes

    @property
    def current_version(self) -> int:
        return max(self.keys)

    def encrypt(self, value: str, context: str) -> str:
        version = self.current_version
        nonce = os.urandom(NONCE_BYTES)
        key = _derive(self.keys[version], self.cipher)
        encryptor = Cipher(_algorithm(self.cipher, key), modes.GCM(nonce)).encryptor()
        encryptor.authenticate_additional_data(context.encode())
        body = encryptor.update(value.encode()) + encryptor.finalize()
        blob = base64.b64encode(nonce + body + encryptor.tag).decode()
        return f"{_TAGS[self.cipher]}.{version}.{blob}"

    def decrypt(self, token: str, context: str) -> str:
        try:
            tag, version_text, blob = token.split(".", 2)
            cipher, master = _NAMES[tag], self.keys[int(version_text)]
            raw = base64.b64decode(blob, validate=True)
        except (ValueError, KeyError, binascii.Error) as exc:
            raise DecryptionError("unreadable ciphertext or unknown key version") from exc
        if len(raw) < NONCE_BYTES + TAG_BYTES:
            raise DecryptionError("ciphertext too short")
        nonce, body, mac = raw[:NONCE_BYTES], raw[NONCE_BYTES:-TAG_BYTES], raw[-TAG_BYTES:]
        decryptor = Cipher(_algorithm(cipher, _derive(master, cipher)), modes.GCM(nonce, mac)).decryptor()
        decryptor.authenticate_additional_data(context.encode())
        try:
            return (decryptor.update(body) + decryptor.finalize()).decode()
        except InvalidTag as exc:
            raise DecryptionError("ciphertext failed authentication") from exc

    def blind_index(self, value: str, purpose: str) -> str:
        return sm3_hmac(self.index_key, f"{purpose}\x00{value}".encode()).hex()


def parse_keys(setting: str) -> dict[int, bytes]:
    """``"1:<base64>,2:<base64>"`` -> {1: key, 2: key}; every key must be 32 bytes."""
    keys: dict[int, bytes] = {}
    for item in filter(None, (part.strip() for part in setting.split(","))):
        version, _, encoded = item.partition(":")
        try:
            key = base64.b64decode(encoded, validate=True)
            number = int(version)
        except (ValueError, binascii.Error) as exc:
            raise CryptoConfigError(f"FIELD_ENCRYPTION_KEYS item {version!r} is not <version>:<base64>") from exc
        if len(key) != 32 or number < 1:
            raise CryptoConfigError(f"FIELD_ENCRYPTION_KEYS version {version!r} must be >= 1 with a 32-byte key")
        keys[number] = key
    if not keys:
        raise CryptoConfigError("FIELD_ENCRYPTION_KEYS is empty")
    return keys


def run_known_answer_tests() -> None:
    """GB/T 32907 (SM4) and GB/T 32905 (SM3) examples; raise if the library disagrees."""
    key = bytes.fromhex("0123456789abcdeffedcba9876543210")
    encryptor = Cipher(algorithms.SM4(key), modes.ECB()).encryptor()  # noqa: S305 (a KAT, not a mode of use)
    if encryptor.update(key) + encryptor.finalize() != bytes.fromhex("681edf34d206965e86b3e94f536e4246"):
        raise CryptoConfigError("SM4 known-answer test failed")
    digest = hashes.Hash(hashes.SM3())
    digest.update(b"abc")
    if digest.finalize().hex() != "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0":
        raise CryptoConfigError("SM3 known-answer test failed")


def init_app(app: Flask) -> None:
    run_known_answer_tests()
    cipher = app.config["FIELD_CIPHER"]
    if cipher not in CIPHERS:
        raise CryptoConfigError(f"FIELD_CIPHER must be one of {', '.join(CIPHERS)}")
    try:
        index_key = base64.b64decode(app.config["BLIND_INDEX_KEY"], validate=True)
    except binascii.Error as exc:
        raise CryptoConfigError("BLIND_INDEX_KEY must be base64") from exc
    if len(index_key) < 32:
        raise CryptoConfigError("BLIND_INDEX_KEY must decode to at least 32 bytes")
    app.extensions["palmgov.crypto"] = FieldCrypto(parse_keys(app.config["FIELD_ENCRYPTION_KEYS"]), cipher, index_key)


def field_crypto() -> FieldCrypto:
    return current_app.extensions["palmgov.crypto"]
