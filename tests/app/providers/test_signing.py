"""app.providers.signing pinned to the providers' published vectors.

Sources (see /work/shared/reference/signing_vectors.py): Aliyun's RPC v1 doc
example (DescribeRegions, testid/testsecret), Tencent's TC3 doc example
(cvm DescribeInstances, 2019-02-25), WeChat's push-signature example and the
face 2.0 ``cert_hash`` example. Alipay has no published vector, so RSA2 is a
round trip with generated keys, including a tampered block that must fail.
"""

from __future__ import annotations

import base64
import hashlib
import json

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from app.providers.signing import (
    alipay_sign_content,
    alipay_signed_block,
    aliyun_percent,
    aliyun_rpc_signature,
    compact_json,
    load_private_key,
    load_public_key,
    rsa2_sign,
    rsa2_verify,
    tc3_headers,
    tc3_signature,
    tc3_string_to_sign,
    wechat_cert_hash,
    wechat_push_signature,
)

# --- Aliyun RPC v1 -------------------------------------------------------------------

ALIYUN_DOC_PARAMS = {
    "AccessKeyId": "testid",
    "Action": "DescribeRegions",
    "Format": "XML",
    "SignatureMethod": "HMAC-SHA1",
    "SignatureNonce": "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
    "SignatureVersion": "1.0",
    "Timestamp": "2016-02-23T12:46:24Z",
    "Version": "2014-05-26",
}


@pytest.mark.parametrize(
    ("method", "signature"), [("GET", "OLeaidS1JvxuMvnyHOwuJ+uX5qY="), ("POST", "MxbnVAM4w6sft9xjVpe/GCKueuk=")]
)
def test_aliyun_rpc_signature_matches_the_published_vector(method, signature):
    assert aliyun_rpc_signature(method, ALIYUN_DOC_PARAMS, "testsecret") == signature


def test_aliyun_rpc_signature_ignores_a_signature_already_in_the_params():
    signed = {**ALIYUN_DOC_PARAMS, "Signature": "OLeaidS1JvxuMvnyHOwuJ+uX5qY="}
    assert aliyun_rpc_signature("GET", signed, "testsecret") == "OLeaidS1JvxuMvnyHOwuJ+uX5qY="
    assert aliyun_rpc_signature("GET", ALIYUN_DOC_PARAMS, "othersecret") != "OLeaidS1JvxuMvnyHOwuJ+uX5qY="


@pytest.mark.parametrize(
    ("value", "encoded"),
    [
        ("a b", "a%20b"),
        ("a*b", "a%2Ab"),
        ("a~b-_.", "a~b-_."),
        ("a+b/c=", "a%2Bb%2Fc%3D"),
        ("掌上", "%E6%8E%8C%E4%B8%8A"),
        ('{"code":"1"}', "%7B%22code%22%3A%221%22%7D"),
    ],
)
def test_aliyun_percent_is_rfc3986(value, encoded):
    assert aliyun_percent(value) == encoded


# --- Tencent TC3-HMAC-SHA256 -------------------------------------------------------------

TC3_SECRET_ID = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"
TC3_SECRET_KEY = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"
TC3_TIMESTAMP = 1551113065
TC3_HOST = "cvm.tencentcloudapi.com"
TC3_PAYLOAD = b'{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}'
TC3_DOC_CANONICAL = (
    "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n"
    "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064"
)
TC3_DOC_STRING_TO_SIGN = (
    "TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n"
    "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031"
)
TC3_DOC_SIGNATURE = "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168"


def test_tc3_doc_example_is_self_consistent():
    """The published payload and canonical request hash to the published values (guards the constants)."""
    assert hashlib.sha256(TC3_PAYLOAD).hexdigest() == TC3_DOC_CANONICAL.rsplit("\n", 1)[1]
    assert hashlib.sha256(TC3_DOC_CANONICAL.encode()).hexdigest() == TC3_DOC_STRING_TO_SIGN.rsplit("\n", 1)[1]


def test_tc3_signature_matches_the_published_vector():
    assert tc3_signature(TC3_SECRET_KEY, "2019-02-25", "cvm", TC3_DOC_STRING_TO_SIGN) == TC3_DOC_SIGNATURE
    assert tc3_signature(TC3_SECRET_KEY, "2019-02-26", "cvm", TC3_DOC_STRING_TO_SIGN) != TC3_DOC_SIGNATURE


def test_tc3_string_to_sign_has_the_documented_layout():
    """Same layout as the doc's canonical request; we send ``Content-Type: application/json`` exactly."""
    ours = TC3_DOC_CANONICAL.replace("application/json; charset=utf-8", "application/json")
    string_to_sign, scope = tc3_string_to_sign(TC3_HOST, "cvm", TC3_TIMESTAMP, TC3_PAYLOAD)
    assert scope == "2019-02-25/cvm/tc3_request"
    assert string_to_sign == (
        "TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n" + hashlib.sha256(ours.encode()).hexdigest()
    )


def test_tc3_headers_carry_the_documented_authorization():
    headers = tc3_headers(
        secret_id=TC3_SECRET_ID,
        secret_key=TC3_SECRET_KEY,
        host=TC3_HOST,
        service="cvm",
        action="DescribeInstances",
        version="2017-03-12",
        region="ap-guangzhou",
        timestamp=TC3_TIMESTAMP,
        body=TC3_PAYLOAD,
    )
    string_to_sign, _ = tc3_string_to_sign(TC3_HOST, "cvm", TC3_TIMESTAMP, TC3_PAYLOAD)
    signature = tc3_signature(TC3_SECRET_KEY, "2019-02-25", "cvm", string_to_sign)
    assert headers == {
        "Authorization": f"TC3-HMAC-SHA256 Credential={TC3_SECRET_ID}/2019-02-25/cvm/tc3_request, "
        f"SignedHeaders=content-type;host, Signature={signature}",
        "Content-Type": "application/json",
        "Host": TC3_HOST,
        "X-TC-Action": "DescribeInstances",
        "X-TC-Timestamp": "1551113065",
        "X-TC-Version": "2017-03-12",
        "X-TC-Region": "ap-guangzhou",
    }


def test_tc3_headers_leave_out_an_empty_region():
    headers = tc3_headers(
        secret_id="id",
        secret_key="key",
        host=TC3_HOST,
        service="faceid",
        action="DetectAuth",
        version="2018-03-01",
        region="",
        timestamp=TC3_TIMESTAMP,
        body=b"{}",
    )
    assert "X-TC-Region" not in headers


def test_tc3_date_is_utc():
    # 2019-02-25T23:30:00Z is already 2019-02-26 in Beijing; the scope must say the 25th.
    _, scope = tc3_string_to_sign(TC3_HOST, "cvm", 1551137400, b"{}")
    assert scope == "2019-02-25/cvm/tc3_request"


# --- WeChat ------------------------------------------------------------------------------


def test_wechat_push_signature_matches_the_published_vector():
    assert wechat_push_signature("AAAAA", "1714036504", "1514711492") == "f464b24fc39322e44b38aa78f5edd27bd1441696"


def test_wechat_push_signature_in_safe_mode_covers_encrypt():
    expected = hashlib.sha1("".join(sorted(["AAAAA", "1714036504", "1514711492", "ENC"])).encode()).hexdigest()  # noqa: S324
    assert wechat_push_signature("AAAAA", "1714036504", "1514711492", "ENC") == expected
    assert expected != "f464b24fc39322e44b38aa78f5edd27bd1441696"


def test_wechat_cert_hash_matches_the_published_vector():
    assert (
        wechat_cert_hash("IDENTITY_CARD", "张三", "310101199801011234")
        == "3c241f7ff324977aeb91f173bb2a7b06569e6fd784d5573db34a636d8671108b"
    )


# --- Alipay RSA2 round trip ---------------------------------------------------------------


@pytest.fixture(scope="module")
def app_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="module")
def alipay_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _bare_base64(pem: bytes) -> str:
    """The key as Alipay's console shows it: the PEM body without armour or line breaks."""
    return "".join(line for line in pem.decode().splitlines() if not line.startswith("-----"))


def test_keys_load_from_pem_and_from_bare_base64(app_key):
    private_pem = app_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    public_pem = app_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    for private_text in (private_pem.decode(), _bare_base64(private_pem)):
        assert load_private_key(private_text).private_numbers() == app_key.private_numbers()
    for public_text in (public_pem.decode(), _bare_base64(public_pem)):
        assert load_public_key(public_text).public_numbers() == app_key.public_key().public_numbers()


REQUEST = {
    "app_id": "2021000000000000",
    "method": "alipay.system.oauth.token",
    "format": "JSON",
    "charset": "utf-8",
    "sign_type": "RSA2",
    "timestamp": "2026-01-01 12:00:00",
    "version": "1.0",
    "grant_type": "authorization_code",
    "code": "4b203fe6c11548bcabd8da5bb087a83b",
    "app_auth_token": "",
}


def test_alipay_sign_content_sorts_skips_sign_and_empty_values_and_keeps_raw_values():
    content = alipay_sign_content({**REQUEST, "sign": "x", "timestamp": "2026-01-01 12:00:00"})
    assert content == (
        "app_id=2021000000000000&charset=utf-8&code=4b203fe6c11548bcabd8da5bb087a83b&format=JSON"
        "&grant_type=authorization_code&method=alipay.system.oauth.token&sign_type=RSA2"
        "&timestamp=2026-01-01 12:00:00&version=1.0"
    )


def test_alipay_request_signature_round_trip(app_key):
    request = {**REQUEST, "sign": rsa2_sign(app_key, alipay_sign_content(REQUEST))}
    content = alipay_sign_content(request).encode()
    assert rsa2_verify(app_key.public_key(), content, request["sign"])
    assert not rsa2_verify(app_key.public_key(), content.replace(b"4b203fe6", b"4b203fe7"), request["sign"])
    assert not rsa2_verify(app_key.public_key(), content, "not base64 at all!")


def test_alipay_response_verifies_over_the_raw_signed_block(alipay_key):
    inner = compact_json(
        {
            "user_id": "2088102150477652",
            "open_id": "074a1CcTG1LelxKe4xQC0zgNdId0nxi95b5lsNpazWYoCo5",
            "access_token": "composeB...",
            "expires_in": 1296000,
            "refresh_token": "r",
            "re_expires_in": 2592000,
            "auth_start": "2026-01-01 12:00:00",
            "note": 'braces } { and "quotes" \\ inside strings',
        }
    ).decode()
    raw = '{"alipay_system_oauth_token_response":' + inner + ',"sign":"' + rsa2_sign(alipay_key, inner) + '"}'
    block = alipay_signed_block(raw, "alipay_system_oauth_token_response")
    assert block == inner
    signature = json.loads(raw)["sign"]
    assert rsa2_verify(alipay_key.public_key(), block.encode(), signature)
    tampered = block.replace("2088", "2099")
    assert tampered != block
    assert not rsa2_verify(alipay_key.public_key(), tampered.encode(), signature)


def test_alipay_signed_block_refuses_unbalanced_json():
    with pytest.raises(ValueError, match="unbalanced"):
        alipay_signed_block('{"x_response":{"a":"b"', "x_response")


def test_alipay_notify_verifies_without_sign_and_sign_type(alipay_key):
    notify = {
        "notify_id": "n1",
        "app_id": "2021000000000000",
        "charset": "utf-8",
        "version": "1.0",
        "sign_type": "RSA2",
        "notify_time": "2026-01-01 12:00:01",
    }
    content = alipay_sign_content(notify, exclude=("sign", "sign_type"))
    assert "sign_type" not in content
    notify["sign"] = rsa2_sign(alipay_key, content)
    received = alipay_sign_content(notify, exclude=("sign", "sign_type")).encode()
    assert rsa2_verify(alipay_key.public_key(), received, notify["sign"])
    assert not rsa2_verify(alipay_key.public_key(), received + b"&x=1", notify["sign"])


def test_rsa2_signature_is_base64_pkcs1_v15(app_key):
    signature = base64.b64decode(rsa2_sign(app_key, "a=1"))
    assert len(signature) == 256  # 2048-bit key
