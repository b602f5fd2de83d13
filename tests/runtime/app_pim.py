"""A local PIM for the App sign-in, on a real 127.0.0.1 socket: the authorize redirect, the token
endpoint (form fields, the 30 s code, the code challenge as the PIM checks it), the OpenID public
key (a self-signed certificate) and a real RS256 `id_token`, plus one REST route that needs the
App token. Behaviour as apps.md describes the PIM's code."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from tests.loopback import serving

CLIENT_ID = "app-client-id"
CLIENT_SECRET = "5zq0ns0y9rcwsk4oc0wwcog8kw8ss0oc8gc8ko4g0okgk0og4w"
CALLBACK_URL = "https://my-app.example.com/oauth/callback"
CODE_LIFETIME = 30.0


def make_key_pair() -> tuple[rsa.RSAPrivateKey, str]:
    """An RSA key and its self-signed certificate in PEM, as the PIM's key generator makes."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Akeneo")])
    now = dt.datetime.now(dt.timezone.utc)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .sign(key, hashes.SHA256())
    )
    return key, certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")


@dataclass
class AppPIM:
    """State of the fake PIM; `url` is set once the server listens."""

    key: rsa.RSAPrivateKey
    certificate_pem: str
    url: str = ""
    codes: dict[str, tuple[float, str]] = field(default_factory=dict)  # code -> (issued, scope)
    tokens: set[str] = field(default_factory=set)
    token_forms: list[dict[str, str]] = field(default_factory=list)
    public_key_as_text: bool = False  # older PIMs answer the PEM as a plain text body
    issuer: str | None = None  # None: the PIM URL (what the real PIM writes)
    audience: str | None = None  # None: the client id
    lifetime: float = 3600.0

    def id_token(self, scope: str) -> str:
        issued = time.time()
        claims: dict[str, Any] = {
            "iss": self.issuer if self.issuer is not None else self.url,
            "jti": str(uuid.uuid4()),
            "sub": "ppid-0c9b4a7e",
            "aud": self.audience or CLIENT_ID,
            "iat": issued + 0.467703,  # floats with microseconds, as the documented example
            "exp": issued + self.lifetime,
        }
        if "profile" in scope.split():
            claims.update(firstname="Julia", lastname="Stark")
        if "email" in scope.split():
            claims.update(email="julia@example.com", email_verified=False)
        return jwt.encode(claims, self.key, algorithm="RS256")


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:  # quiet tests
        pass

    def _answer(self, status: int, body: object = None, headers: dict[str, str] | None = None):
        data = (
            b""
            if body is None
            else (body.encode() if isinstance(body, str) else json.dumps(body).encode())
        )
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if body is not None:
            kind = "text/plain" if isinstance(body, str) else "application/json"
            self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        pim = self.server.pim
        parts = urlsplit(self.path)
        query = {name: values[0] for name, values in parse_qs(parts.query).items()}
        if parts.path == "/connect/apps/v1/authorize":
            if query.get("client_id") != CLIENT_ID or query.get("response_type") != "code":
                # errors stay inside the PIM's UI, never sent to the callback
                return self._answer(302, headers={"Location": "/#/connect/apps/authorize?error=1"})
            code = secrets.token_urlsafe(24)
            pim.codes[code] = (time.monotonic(), query.get("scope", ""))
            target = f"{CALLBACK_URL}?{urlencode({'code': code, 'state': query.get('state', '')})}"
            return self._answer(302, headers={"Location": target})
        if parts.path == "/connect/apps/v1/openid/public-key":
            if pim.public_key_as_text:
                return self._answer(200, pim.certificate_pem)
            return self._answer(200, {"public_key": pim.certificate_pem})
        if parts.path == "/api/rest/v1/channels":
            token = self.headers.get("Authorization", "").removeprefix("Bearer ")
            if token not in pim.tokens:
                return self._answer(
                    401,
                    {
                        "code": 401,
                        "message": "The access token provided is "
                        "invalid. Your app has been disconnected from that PIM.",
                    },
                )
            page = {
                "_links": {},
                "current_page": 1,
                "_embedded": {
                    "items": [
                        {
                            "code": "ecommerce",
                            "currencies": ["EUR"],
                            "locales": ["en_US"],
                            "category_tree": "master",
                            "conversion_units": {},
                            "labels": {},
                        }
                    ]
                },
            }
            return self._answer(200, page)
        return self._answer(404, {"code": 404, "message": "no route"})

    def do_POST(self) -> None:
        pim = self.server.pim
        if urlsplit(self.path).path != "/connect/apps/v1/oauth2/token":
            return self._answer(404, {"code": 404, "message": "no route"})
        raw = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode()
        form = {name: values[0] for name, values in parse_qs(raw).items()}
        pim.token_forms.append(form)
        if (
            self.headers.get("Content-Type", "").split(";")[0]
            != "application/x-www-form-urlencoded"
        ):
            return self._answer(400, {"error": "invalid_request"})
        needed = ("client_id", "code_identifier", "code_challenge", "code", "grant_type")
        if any(not form.get(name) for name in needed) or form["grant_type"] != "authorization_code":
            return self._answer(400, {"error": "invalid_request"})
        if form["client_id"] != CLIENT_ID:
            return self._answer(400, {"error": "Client ID must be valid"})
        issued = pim.codes.pop(form["code"], None)
        if issued is None:
            return self._answer(400, {"error": "invalid_grant"})
        if time.monotonic() - issued[0] > CODE_LIFETIME:
            return self._answer(
                400, {"error": "invalid_grant", "error_description": "Code has expired"}
            )
        expected = hashlib.sha256((form["code_identifier"] + CLIENT_SECRET).encode()).hexdigest()
        if form["code_challenge"] != expected:  # exact compare, as the PIM's validator
            return self._answer(400, {"error": "invalid_client"})
        token = secrets.token_urlsafe(32)
        pim.tokens.add(token)
        scope = issued[1]
        body = {"access_token": token, "token_type": "bearer", "scope": scope}
        if "openid" in scope.split():
            body["id_token"] = pim.id_token(scope)
        return self._answer(200, body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    pim: AppPIM


@contextmanager
def serve_app_pim(pim: AppPIM) -> Iterator[AppPIM]:
    server = _Server(("127.0.0.1", 0), _Handler)
    server.pim = pim
    with serving(server) as url:
        pim.url = url
        yield pim
