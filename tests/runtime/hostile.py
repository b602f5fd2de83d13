"""A hostile Akeneo on 127.0.0.1: a real socket server, one thread per connection, whose routes are
scripted with raw behaviours (drip a body byte by byte, drop the connection, send a gzip bomb,
echo the credentials, redirect elsewhere, revoke tokens...).

HTTP/1.1 keep-alive is supported (several requests per connection), bodies by Content-Length or
chunked. The token route issues tok1, tok2, ... with refresh tokens ref1, ref2, ... unless
scripted otherwise. Used by the fault-injection tests and by `make soak`.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

TOKEN_PATH = "/api/oauth/v1/token"
_STATUS_TEXT = {
    200: "OK",
    201: "Created",
    204: "No Content",
    307: "Temporary Redirect",
    401: "Unauthorized",
    404: "Not Found",
    422: "Unprocessable Entity",
    429: "Too Many Requests",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


@dataclass
class Seen:
    """One request as the server read it."""

    method: str
    target: str
    headers: dict[str, str]
    body: bytes
    arrived: float = field(default_factory=time.monotonic)

    @property
    def path(self) -> str:
        return self.target.split("?", 1)[0]

    def json(self) -> Any:
        return json.loads(self.body)


class Conn:
    """The server side of one connection, handed to behaviours."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.closed = False

    def send(self, data: bytes) -> bool:
        try:
            self.sock.sendall(data)
            return True
        except OSError:
            self.closed = True
            return False

    def close(self) -> None:
        self.closed = True
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_RDWR)
        self.sock.close()


Behaviour = Callable[[Seen, Conn], None]


def head(status: int, headers: dict[str, str] | list[tuple[str, str]] | None = None) -> bytes:
    items = list(headers.items()) if isinstance(headers, dict) else list(headers or [])
    lines = [f"HTTP/1.1 {status} {_STATUS_TEXT.get(status, 'Status')}"]
    lines += [f"{name}: {value}" for name, value in items]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def answer(
    status: int,
    payload: object = None,
    *,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> Behaviour:
    """A complete answer: JSON `payload`, or raw `body`."""
    if body is None:
        body = b"" if payload is None else json.dumps(payload).encode()
    extra = dict(headers or {})
    if payload is not None:
        extra.setdefault("Content-Type", "application/json")

    def behave(seen: Seen, conn: Conn) -> None:
        conn.send(head(status, {**extra, "Content-Length": str(len(body))}) + body)

    return behave


def drip(
    status: int, body: bytes, interval: float, headers: dict[str, str] | None = None
) -> Behaviour:
    """The head at once, then the body one byte every `interval` seconds."""

    def behave(seen: Seen, conn: Conn) -> None:
        all_headers = {"Content-Type": "application/json", **(headers or {})}
        if not conn.send(head(status, {**all_headers, "Content-Length": str(len(body))})):
            return
        for index in range(len(body)):
            time.sleep(interval)
            if not conn.send(body[index : index + 1]):
                return

    return behave


def stall(seconds: float) -> Behaviour:
    """Read the request, answer nothing for `seconds`, then close."""

    def behave(seen: Seen, conn: Conn) -> None:
        time.sleep(seconds)
        conn.close()

    return behave


def drop() -> Behaviour:
    """Close the connection without answering."""

    def behave(seen: Seen, conn: Conn) -> None:
        conn.close()

    return behave


def gzip_bomb(inflated: int, status: int = 200) -> Behaviour:
    """`inflated` bytes of a JSON string, gzip-compressed (about 1000:1)."""
    raw = b'"' + b"0" * (inflated - 2) + b'"'
    body = gzip.compress(raw, compresslevel=9)
    return answer(
        status,
        body=body,
        headers={"Content-Type": "application/json", "Content-Encoding": "gzip"},
    )


class HostileServer:
    """Routes (method, path) to queues of behaviours; the last one of a queue repeats."""

    def __init__(self, *, record: bool = True) -> None:
        self.routes: dict[tuple[str, str], list[Behaviour]] = {}
        # record=False (the soak): requests are counted, not kept, so memory stays flat.
        self.record = record
        self.seen: list[Seen] = []
        self.token_requests = 0
        self.api_requests = 0
        self.issued = 0
        self.valid_tokens: set[str] = set()
        self.check_tokens = False  # True: API routes answer 401 to a token not (or no longer) valid
        self.in_flight = 0
        self.max_in_flight = 0
        self.lock = threading.Lock()
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(512)
        self.port = self._sock.getsockname()[1]
        self._stopped = threading.Event()
        self._threads: list[threading.Thread] = []
        self._conns: set[socket.socket] = set()
        accept = threading.Thread(target=self._accept, name="hostile-accept", daemon=True)
        accept.start()
        self._accepter = accept

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def add(self, method: str, path: str, *behaviours: Behaviour) -> HostileServer:
        with self.lock:
            self.routes.setdefault((method.upper(), path), []).extend(behaviours)
        return self

    def calls(self, method: str | None = None, path: str | None = None) -> list[Seen]:
        with self.lock:
            seen = list(self.seen)
        return [
            s
            for s in seen
            if (method is None or s.method == method) and (path is None or s.path == path)
        ]

    def api_calls(self) -> list[Seen]:
        return [s for s in self.calls() if s.path != TOKEN_PATH]

    def revoke_all(self) -> None:
        with self.lock:
            self.valid_tokens.clear()

    def issue_token(self, seen: Seen, conn: Conn, expires_in: object = 3600) -> None:
        with self.lock:
            self.issued += 1
            number = self.issued
            self.valid_tokens.add(f"tok{number}")
        payload = {
            "access_token": f"tok{number}",
            "expires_in": expires_in,
            "token_type": "bearer",
            "scope": None,
            "refresh_token": f"ref{number}",
        }
        answer(200, payload)(seen, conn)

    # ---------------------------------------------------------------------------- plumbing
    def close(self) -> None:
        self._stopped.set()
        with contextlib.suppress(OSError):
            self._sock.close()
        with self.lock:
            conns = list(self._conns)
        for conn in conns:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
            conn.close()
        for thread in self._threads:
            thread.join(2)

    def __enter__(self) -> HostileServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _accept(self) -> None:
        while not self._stopped.is_set():
            try:
                sock, _ = self._sock.accept()
            except OSError:
                return
            with self.lock:
                self._conns.add(sock)
            thread = threading.Thread(target=self._serve, args=(sock,), daemon=True)
            thread.start()
            with self.lock:
                self._threads = [t for t in self._threads if t.is_alive()] + [thread]

    def _serve(self, sock: socket.socket) -> None:
        conn = Conn(sock)
        reader = _Reader(sock)
        try:
            while not conn.closed and not self._stopped.is_set():
                seen = reader.request()
                if seen is None:
                    break
                with self.lock:
                    if self.record:
                        self.seen.append(seen)
                    if seen.path == TOKEN_PATH:
                        self.token_requests += 1
                    else:
                        self.api_requests += 1
                    self.in_flight += 1
                    self.max_in_flight = max(self.max_in_flight, self.in_flight)
                try:
                    self._dispatch(seen, conn)
                finally:
                    with self.lock:
                        self.in_flight -= 1
                if seen.headers.get("connection", "").lower() == "close":
                    break
        except OSError:
            pass
        finally:
            with self.lock:
                self._conns.discard(sock)
            if not conn.closed:
                conn.close()

    def _dispatch(self, seen: Seen, conn: Conn) -> None:
        with self.lock:
            queue = self.routes.get((seen.method, seen.path))
            behaviour = None
            if queue:
                behaviour = queue.pop(0) if len(queue) > 1 else queue[0]
            token_ok = True
            if self.check_tokens and seen.path != TOKEN_PATH:
                bearer = seen.headers.get("authorization", "")
                token_ok = bearer.startswith("Bearer ") and bearer[7:] in self.valid_tokens
        if not token_ok:
            answer(401, {"code": 401, "message": "The access token provided is invalid."})(
                seen, conn
            )
            return
        if behaviour is not None:
            behaviour(seen, conn)
        elif seen.path == TOKEN_PATH:
            self.issue_token(seen, conn)
        else:
            answer(404, {"code": 404, "message": f"no route {seen.path}"})(seen, conn)


class _Reader:
    """Reads HTTP/1.1 requests off one socket."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buffer = b""

    def _more(self) -> bool:
        data = self.sock.recv(65536)
        if not data:
            return False
        self.buffer += data
        return True

    def _line(self) -> bytes | None:
        while b"\r\n" not in self.buffer:
            if not self._more():
                return None
        line, self.buffer = self.buffer.split(b"\r\n", 1)
        return line

    def _exactly(self, size: int) -> bytes | None:
        while len(self.buffer) < size:
            if not self._more():
                return None
        data, self.buffer = self.buffer[:size], self.buffer[size:]
        return data

    def request(self) -> Seen | None:
        while b"\r\n\r\n" not in self.buffer:
            if not self._more():
                return None
        raw_head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        lines = raw_head.decode("latin-1").split("\r\n")
        method, target, _ = lines[0].split(" ", 2)
        headers: dict[str, str] = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        body = b""
        if headers.get("transfer-encoding", "").lower() == "chunked":
            parts = []
            while True:
                size_line = self._line()
                if size_line is None:
                    return None
                size = int(size_line.split(b";", 1)[0], 16)
                chunk = self._exactly(size + 2)
                if chunk is None:
                    return None
                if size == 0:
                    break
                parts.append(chunk[:-2])
            body = b"".join(parts)
        elif "content-length" in headers:
            data = self._exactly(int(headers["content-length"]))
            if data is None:
                return None
            body = data
        return Seen(method, target, headers, body)
