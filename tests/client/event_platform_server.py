"""A local Event Platform on a real 127.0.0.1 socket, with the PIM's token route on the same
server: subscribers and subscriptions kept in memory, the documented limits enforced, every
request's headers recorded, a 401 scriptable to make the client renew its token."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.loopback import serving

MAX_SUBSCRIBERS = 20
MAX_SUBSCRIPTIONS = 20
NOW = "2024-06-27T16:26:00.503422Z"


@dataclass
class Platform:
    url: str = ""
    valid_tokens: set[str] = field(default_factory=lambda: {"app-token"})
    issued: int = 0
    subscribers: dict[str, dict[str, Any]] = field(default_factory=dict)
    subscriptions: dict[str, dict[str, Any]] = field(default_factory=dict)
    seen: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)  # method, path, hdrs
    reject_next: int = 0  # answer 401 to this many management calls
    lock: threading.Lock = field(default_factory=threading.Lock)

    def management_calls(self) -> list[tuple[str, str, dict[str, str]]]:
        return [call for call in self.seen if not call[1].startswith("/api/oauth")]


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _answer(self, status: int, body: object = None) -> None:
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _body(self) -> Any:
        raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        return json.loads(raw) if raw else None

    def do_POST(self) -> None:
        self._route("POST")

    def do_GET(self) -> None:
        self._route("GET")

    def do_PATCH(self) -> None:
        self._route("PATCH")

    def do_DELETE(self) -> None:
        self._route("DELETE")

    def _route(self, method: str) -> None:
        platform = self.server.platform
        path = self.path.split("?", 1)[0]
        body = self._body()
        with platform.lock:
            platform.seen.append((method, self.path, dict(self.headers.items())))
            if path == "/api/oauth/v1/token":  # the PIM's password grant
                platform.issued += 1
                token = f"pim-token-{platform.issued}"
                platform.valid_tokens.add(token)
                return self._answer(
                    200,
                    {
                        "access_token": token,
                        "expires_in": 3600,
                        "token_type": "bearer",
                        "scope": None,
                        "refresh_token": f"refresh-{platform.issued}",
                    },
                )
            if self.headers.get("Authorization"):
                return self._answer(400, {"message": "no Authorization header is used here"})
            if platform.reject_next or self.headers.get("X-PIM-TOKEN") not in platform.valid_tokens:
                platform.reject_next = max(0, platform.reject_next - 1)
                return self._answer(401, {"message": "invalid token"})
            return self._manage(method, path.split("/")[3:], body)

    def _manage(self, method: str, parts: list[str], body: Any) -> None:
        platform = self.server.platform
        if parts == ["subscribers"] and method == "POST":
            if len(platform.subscribers) >= MAX_SUBSCRIBERS:
                return self._answer(400, {"message": "Subscriber limit reached: maximum is 20"})
            subscriber = {
                "id": str(uuid.uuid4()),
                "subject": self.headers["X-PIM-URL"],
                "status": "active",
                "created_at": NOW,
                "updated_at": NOW,
                **body,
            }
            subscriber.get("contact", {}).pop("notification_webhook_secret", None)
            platform.subscribers[subscriber["id"]] = subscriber
            return self._answer(201, subscriber)
        if parts == ["logs"] and method == "GET":
            return self._answer(
                200,
                {
                    "items": [
                        {
                            "log_id": "l1",
                            "log_type": "error",
                            "error_reason": "destination_timeout",
                            "error_code": 500,
                        }
                    ]
                },
            )
        if len(parts) < 2 or parts[1] not in platform.subscribers:
            return self._answer(404, {"message": "no such subscriber"})
        subscriber_id = parts[1]
        if len(parts) == 2:
            if method == "GET":
                return self._answer(200, platform.subscribers[subscriber_id])
            if method == "DELETE":
                del platform.subscribers[subscriber_id]
                return self._answer(204)
        if parts[2:] == ["subscriptions"] and method == "POST":
            own = [
                s for s in platform.subscriptions.values() if s["subscriber_id"] == subscriber_id
            ]
            if len(own) >= MAX_SUBSCRIPTIONS:
                return self._answer(400, {"message": "Too many subscriptions for this subscriber"})
            if body.get("type") == "https" and "url" not in body.get("config", {}):
                return self._answer(400, {"message": "config.url is required"})
            subscription = {
                **body,
                "id": str(uuid.uuid4()),
                "status": "active",
                "subscriber_id": subscriber_id,
                "created_at": NOW,
                "updated_at": NOW,
            }
            if "secret" in subscription["config"]:
                subscription["config"] = {
                    **subscription["config"],
                    "secret": {"primary": "***redacted***"},
                }
            platform.subscriptions[subscription["id"]] = subscription
            return self._answer(201, subscription)
        if len(parts) >= 4 and parts[3] in platform.subscriptions:
            subscription = platform.subscriptions[parts[3]]
            action = parts[4] if len(parts) > 4 else None
            if action in ("suspend", "resume") and method == "POST":
                subscription["status"] = "suspended" if action == "suspend" else "active"
                return self._answer(200, subscription)
            if action is None and method == "GET":
                return self._answer(200, subscription)
        return self._answer(404, {"message": "no route"})


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    platform: Platform


@contextmanager
def serve_platform() -> Iterator[Platform]:
    platform = Platform()
    server = _Server(("127.0.0.1", 0), _Handler)
    server.platform = platform
    with serving(server) as url:
        platform.url = url
        yield platform
