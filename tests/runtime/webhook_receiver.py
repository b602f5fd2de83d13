"""A user's webhook endpoint on a real 127.0.0.1 socket, written with `events` the way the README
shows: verify the signature (401 when it fails), de-duplicate on the event id, parse, answer 200.
`script` lets a test make it answer other statuses (or stall) first."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from akeneo_runtime_under_test import events

from tests.loopback import serving


@dataclass
class Receiver:
    secrets: list[str]
    url: str = ""
    script: list[int | float] = field(default_factory=list)  # status, or seconds to stall
    received: list[Any] = field(default_factory=list)  # parsed events, duplicates dropped
    requests: list[dict[str, str]] = field(default_factory=list)  # headers of every request
    refused: list[str] = field(default_factory=list)  # SignatureError messages
    duplicates: int = 0
    seen: events.EventDeduplicator = field(default_factory=events.EventDeduplicator)
    lock: threading.Lock = field(default_factory=threading.Lock)


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        receiver = self.server.receiver
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with receiver.lock:
            receiver.requests.append(dict(self.headers.items()))
            scripted = receiver.script.pop(0) if receiver.script else 200
        if isinstance(scripted, float):
            time.sleep(scripted)
            scripted = 200
        if scripted != 200:
            return self._answer(scripted)
        try:
            events.verify_signature(body, self.headers, receiver.secrets)
        except events.SignatureError as error:
            receiver.refused.append(str(error))
            return self._answer(401)
        event = events.parse_event(body)
        if receiver.seen.first_time(event.id):
            receiver.received.append(event)
        else:
            receiver.duplicates += 1
        return self._answer(200)

    def _answer(self, status: int) -> None:
        self.send_response(status)
        if 300 <= status < 400:
            self.send_header("Location", "https://elsewhere.example.com/")
        self.send_header("Content-Length", "0")
        self.end_headers()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    receiver: Receiver


@contextmanager
def serve_receiver(receiver: Receiver) -> Iterator[Receiver]:
    server = _Server(("127.0.0.1", 0), _Handler)
    server.receiver = receiver
    with serving(server) as url:
        receiver.url = f"{url}/akeneo/events"
        yield receiver
