"""Runtime tests: the static runtime is copied into a throwaway package and tested on its own.

The runtime uses relative imports only, so any package name works; `akeneo_runtime_under_test`
keeps these tests independent from the generated `akeneo_pim` package.
"""

from __future__ import annotations

import atexit
import json
import shutil
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

PACKAGE = "akeneo_runtime_under_test"
_RUNTIME_DIR = Path(__file__).resolve().parents[2] / "templates" / "runtime"


def _install_runtime_copy() -> None:
    root = Path(tempfile.mkdtemp(prefix="akeneo-runtime-"))
    atexit.register(shutil.rmtree, root, True)
    package = root / PACKAGE
    package.mkdir()
    for source in sorted(_RUNTIME_DIR.glob("*.py")):
        shutil.copy(source, package / source.name)
    (package / "__init__.py").write_text("")
    sys.path.insert(0, str(root))


if PACKAGE not in sys.modules:
    _install_runtime_copy()

BASE_URL = "https://pim.example.com"
SECRET = "s3cr3t-CLIENT-SECRET"
PASSWORD = "pa55-USER-PASSWORD"
TOKEN_PATH = "/api/oauth/v1/token"

Responder = httpx.Response | Callable[[httpx.Request], httpx.Response]


class FakePIM:
    """A scripted Akeneo: routes answer queued responses (the last one repeats); the token route
    answers tokens tok1, tok2... with refresh tokens ref1, ref2... unless scripted otherwise."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []
        self.routes: dict[tuple[str, str], list[Responder]] = {}
        self.token_bodies: list[dict[str, Any]] = []
        self.token_headers: list[str | None] = []
        self.expires_in = 3600
        self._issued = 0
        self._lock = threading.Lock()

    def add(self, method: str, path: str, *responses: Responder) -> FakePIM:
        self.routes.setdefault((method.upper(), path), []).extend(responses)
        return self

    def calls(self, method: str | None = None, path: str | None = None) -> list[httpx.Request]:
        return [
            request
            for request in self.requests
            if (method is None or request.method == method)
            and (path is None or _raw_path(request) == path)
        ]

    def api_calls(self) -> list[httpx.Request]:
        return [request for request in self.requests if _raw_path(request) != TOKEN_PATH]

    def issue_token(self, request: httpx.Request) -> httpx.Response:
        with self._lock:
            self._issued += 1
            number = self._issued
        return httpx.Response(
            200,
            json={
                "access_token": f"tok{number}",
                "expires_in": self.expires_in,
                "token_type": "bearer",
                "scope": None,
                "refresh_token": f"ref{number}",
            },
        )

    def handle(self, request: httpx.Request) -> httpx.Response:
        request.read()
        with self._lock:
            self.requests.append(request)
        path = _raw_path(request)
        if path == TOKEN_PATH:
            self.token_bodies.append(json.loads(request.content))
            self.token_headers.append(request.headers.get("authorization"))
        queue = self.routes.get((request.method, path))
        if not queue:
            if path == TOKEN_PATH:
                return self.issue_token(request)
            return httpx.Response(404, json={"code": 404, "message": f"no route {path}"})
        with self._lock:
            responder = queue.pop(0) if len(queue) > 1 else queue[0]
        if isinstance(responder, httpx.Response):
            # Responses are single-use in httpx; hand out a copy each time.
            return httpx.Response(
                responder.status_code, headers=responder.headers, content=responder.content
            )
        return responder(request)

    @property
    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)


def _raw_path(request: httpx.Request) -> str:
    return request.url.raw_path.decode("ascii").split("?", 1)[0]


@pytest.fixture
def pim() -> FakePIM:
    return FakePIM()


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Retries record their waits here instead of sleeping."""
    recorded: list[float] = []

    def fake_sleep(self: object, seconds: float) -> None:
        recorded.append(seconds)

    async def fake_async_sleep(self: object, seconds: float) -> None:
        recorded.append(seconds)

    from akeneo_runtime_under_test._client import AsyncAPIClient, SyncAPIClient

    monkeypatch.setattr(SyncAPIClient, "_sleep", fake_sleep)
    monkeypatch.setattr(AsyncAPIClient, "_sleep", fake_async_sleep)
    return recorded


def client_settings(pim: FakePIM, changes: dict[str, Any]) -> dict[str, Any]:
    """The settings of a client talking to `pim` with password credentials, with `changes`."""
    return {
        "base_url": BASE_URL,
        "client_id": "client-id",
        "secret": SECRET,
        "username": "julia",
        "password": PASSWORD,
        "transport": pim.transport,
        **changes,
    }


@pytest.fixture
def make_client(pim: FakePIM, sleeps: list[float]) -> Iterator[Callable[..., Any]]:
    from akeneo_runtime_under_test._client import SyncAPIClient

    made: list[SyncAPIClient] = []

    def factory(**kwargs: Any) -> SyncAPIClient:
        client = SyncAPIClient(**client_settings(pim, kwargs))
        made.append(client)
        return client

    yield factory
    for client in made:
        client.close()


@pytest.fixture
def make_async_client(pim: FakePIM, sleeps: list[float]) -> Callable[..., Any]:
    from akeneo_runtime_under_test._client import AsyncAPIClient

    def factory(**kwargs: Any) -> AsyncAPIClient:
        return AsyncAPIClient(**client_settings(pim, kwargs))

    return factory


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "AKENEO_BASE_URL",
        "AKENEO_CLIENT_ID",
        "AKENEO_SECRET",
        "AKENEO_USERNAME",
        "AKENEO_PASSWORD",
    ):
        monkeypatch.delenv(name, raising=False)
