"""HTTP to providers: one ``requests`` session, bounded time, no redirects, no retries.

Provider sends are not idempotent (an SMS retried is an SMS paid twice), so a
failed call is reported as a retryable ``ProviderError`` and the caller decides.
"""

from __future__ import annotations

import json
from typing import Any

import requests
from urllib3.exceptions import NewConnectionError

from app.providers.base import ProviderError


class Transport:
    def __init__(self, provider: str, timeout: float) -> None:
        self.provider = provider
        self.timeout = timeout
        self.session = requests.Session()
        self.session.trust_env = False  # proxies from the environment never see provider traffic

    def request(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        try:
            response = self.session.request(method, url, timeout=self.timeout, allow_redirects=False, **kwargs)
        except requests.RequestException as exc:
            raise ProviderError(
                self.provider, "NETWORK", type(exc).__name__, retryable=True, maybe_sent=not _never_sent(exc)
            ) from exc
        if response.status_code >= 500:
            raise ProviderError(
                self.provider, f"HTTP_{response.status_code}", "provider error", retryable=True, maybe_sent=True
            )
        return response

    def json(self, method: str, url: str, **kwargs: Any) -> dict:
        response = self.request(method, url, **kwargs)
        try:
            data = response.json()
        except (ValueError, json.JSONDecodeError) as exc:
            # A garbled 2xx may follow a send the provider made: a non-idempotent send must not be repeated.
            raise ProviderError(
                self.provider,
                f"HTTP_{response.status_code}",
                "answer is not JSON",
                retryable=True,
                maybe_sent=response.ok,
            ) from exc
        if not isinstance(data, dict):
            raise ProviderError(
                self.provider, "BAD_ANSWER", "answer is not a JSON object", retryable=True, maybe_sent=response.ok
            )
        return data


def _never_sent(exc: requests.RequestException) -> bool:
    """Only a failure to connect proves the request never reached the provider; after that
    (a read timeout, a dropped connection) it may have been acted on."""
    if isinstance(exc, requests.ConnectTimeout):
        return True
    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    return isinstance(exc, requests.ConnectionError) and isinstance(reason, NewConnectionError)
