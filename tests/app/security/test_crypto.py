"""Field encryption and blind indexes (security row 33)."""

from __future__ import annotations

import base64

import pytest
from cryptography.hazmat.primitives import hashes

from app.security import crypto
from app.security.crypto import CryptoConfigError, DecryptionError, FieldCrypto, parse_keys

KEY_1, KEY_2 = b"1" * 32, b"2" * 32
INDEX_KEY = b"i" * 32


def make(cipher: str = "sm4-gcm", keys: dict[int, bytes] | None = None) -> FieldCrypto:
    return FieldCrypto(keys or {1: KEY_1}, cipher, INDEX_KEY)


@pytest.mark.parametrize(("cipher", "tag"), [("sm4-gcm", "sm4g"), ("aes-gcm", "aesg")])
def test_round_trip_names_cipher_and_key_version(cipher, tag):
    box = make(cipher)
    token = box.encrypt("110105194912310021", "resident.id_number")
    assert token.startswith(f"{tag}.1.")
    assert "110105194912310021" not in token
    assert box.decrypt(token, "resident.id_number") == "110105194912310021"


def test_same_value_encrypts_differently_each_time():
    box = make()
    assert box.encrypt("13800138000", "resident.phone") != box.encrypt("13800138000", "resident.phone")


def test_a_value_copied_to_another_column_does_not_decrypt():
    box = make()
    token = box.encrypt("13800138000", "resident.phone")
    with pytest.raises(DecryptionError):
        box.decrypt(token, "resident.name")


@pytest.mark.parametrize("position", [0, 12, -1])
def test_any_flipped_byte_fails_closed(position):
    box = make()
    prefix, _, blob = box.encrypt("13800138000", "resident.phone").rpartition(".")
    raw = bytearray(base64.b64decode(blob))
    raw[position] ^= 0x80
    with pytest.raises(DecryptionError):
        box.decrypt(f"{prefix}.{base64.b64encode(bytes(raw)).decode()}", "resident.phone")


@pytest.mark.parametrize("token", ["", "garbage", "sm4g.9.AAAA", "sm4g.1.!!!!", "xxxx.1.AAAA", "sm4g.1.AAAA"])
def test_unreadable_tokens_fail_closed(token):
    with pytest.raises(DecryptionError):
        make().decrypt(token, "resident.phone")


def test_old_key_versions_still_decrypt_after_rotation():
    old = make(keys={1: KEY_1}).encrypt("张三", "resident.name")
    rotated = make(keys={1: KEY_1, 2: KEY_2})
    assert rotated.decrypt(old, "resident.name") == "张三"
    assert rotated.encrypt("张三", "resident.name").startswith("sm4g.2.")


def test_switching_cipher_keeps_old_values_readable():
    old = make("sm4-gcm").encrypt("张三", "resident.name")
    assert make("aes-gcm").decrypt(old, "resident.name") == "张三"


def test_blind_index_is_stable_keyed_and_purpose_bound():
    box = make()
    index = box.blind_index("13800138000", "phone")
    assert index == box.blind_index("13800138000", "phone")
    assert len(index) == 64 and "13800138000" not in index
    assert index != box.blind_index("13800138000", "id_number")
    assert index != FieldCrypto({1: KEY_1}, "sm4-gcm", b"j" * 32).blind_index("13800138000", "phone")


@pytest.mark.parametrize(
    "setting", ["", "1", "x:" + base64.b64encode(KEY_1).decode(), "1:" + base64.b64encode(b"short").decode(), "0:AA=="]
)
def test_bad_key_settings_are_refused(setting):
    with pytest.raises(CryptoConfigError):
        parse_keys(setting)


def test_known_answer_tests_pass_on_this_library():
    crypto.run_known_answer_tests()


def test_a_library_that_fakes_sm3_is_refused(monkeypatch):
    monkeypatch.setattr(hashes, "SM3", hashes.SHA256)  # what some public code does
    with pytest.raises(CryptoConfigError, match="SM3"):
        crypto.run_known_answer_tests()


def test_the_app_refuses_an_unknown_cipher(build_app):
    with pytest.raises(CryptoConfigError, match="FIELD_CIPHER"):
        build_app(FIELD_CIPHER="des")
