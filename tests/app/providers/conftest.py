"""Fake provider servers on 127.0.0.1: each test gives a WSGI handler that checks signatures."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

Handler = Callable[[Request], Response]


class FakeServer:
    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.requests: list[Request] = []
        self.server = make_server("127.0.0.1", 0, self._wsgi, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def _wsgi(self, environ: dict, start_response: Callable) -> object:
        request = Request(environ)
        request.get_data()  # read the body before the handler so it is kept for assertions
        self.requests.append(request)
        return self.handler(request)(environ, start_response)

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


@pytest.fixture
def fake_server() -> Iterator[Callable[[Handler], FakeServer]]:
    """``fake_server(handler)`` starts a server; every server started stops after the test."""
    servers: list[FakeServer] = []

    def start(handler: Handler) -> FakeServer:
        servers.append(FakeServer(handler))
        return servers[-1]

    yield start
    for server in servers:
        server.stop()


def new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="module")
def app_key() -> rsa.RSAPrivateKey:
    """Our app's RSA key pair (Alipay RSA2 signing)."""
    return new_key()


@pytest.fixture(scope="module")
def alipay_key() -> rsa.RSAPrivateKey:
    """The platform's key pair: it signs answers and notifications."""
    return new_key()


@pytest.fixture(scope="module")
def stranger_key() -> rsa.RSAPrivateKey:
    """A key nobody configured: its signatures must be refused."""
    return new_key()
