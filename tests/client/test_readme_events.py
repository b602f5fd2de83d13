"""The generated README's sections on events, the Event Platform and the App sign-in: every
example passes mypy --strict against the generated package, and the webhook handlers and the
sign-in run for real (a signed delivery, a local PIM on 127.0.0.1)."""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from akeneo_pim import events

from tests.conftest import GENERATED
from tests.runtime import event_vectors as v
from tests.runtime.app_pim import CLIENT_ID, CLIENT_SECRET, AppPIM, make_key_pair, serve_app_pim

README = (GENERATED / "README.md").read_text(encoding="utf-8")
SECTIONS = README[README.index("## Receive events") : README.index("## Resources")]
BLOCKS = re.findall(r"```python\n(.*?)```", SECTIONS, re.S)


def block(needle: str) -> str:
    [found] = [b for b in BLOCKS if needle in b]
    return found


def run_block(needle: str, **replace: str) -> dict[str, Any]:
    source = block(needle)
    for old, new in replace.items():
        assert old in source, old
        source = source.replace(old, new)
    namespace: dict[str, Any] = {"__name__": "readme_example"}
    exec(compile(source, "README.md", "exec"), namespace)
    return namespace


def test_the_sections_show_each_capability() -> None:
    text = "\n".join(BLOCKS)
    for shown in (
        "verify_signature(",
        "EventDeduplicator(",
        "parse_event(",
        "async def app(",
        "EventSender(",
        "EventPlatform.from_akeneo(",
        "subscriptions.create(",
        "apps.authorize_url(",
        "apps.exchange_code(",
        "apps.verify_id_token(",
        "return 429",
        "Flask",
        "FastAPI",
    ):
        assert shown in text, shown


def test_every_example_passes_mypy_strict(tmp_path: Path) -> None:
    files = []
    for number, source in enumerate(BLOCKS):
        path = tmp_path / f"readme_example_{number}.py"
        path.write_text(source, encoding="utf-8")
        files.append(str(path))
    cache = GENERATED.parent / ".mypy_cache" / "readme-examples"
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(cache), *files],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "MYPYPATH": str(GENERATED)},
        cwd=GENERATED,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_framework_agnostic_handler_answers_as_documented() -> None:
    example = run_block(
        "def handle(",
        **{
            '"the-subscription-primary-secret"': repr(v.PRIMARY_SECRET),
            "maxsize=10_000": "maxsize=1",
        },
    )
    handle = example["handle"]
    headers = events.signed_headers(v.PRODUCT_DELETED, v.PRIMARY_SECRET)
    assert handle(v.PRODUCT_DELETED, headers) == 200
    assert handle(v.PRODUCT_DELETED, headers) == 200  # the redelivery is dropped
    assert example["work"].qsize() == 1
    other = events.make_event("family.created", {"family": {"code": "f"}}, event_id="e2")
    assert handle(other, events.signed_headers(other, v.PRIMARY_SECRET)) == 429  # queue full
    assert "e2" not in example["seen"]  # forgotten, so that the retry is taken
    assert handle(other, events.signed_headers(other, "wrong")) == 401


def test_the_asgi_app_receives_signed_deliveries() -> None:
    example = run_block("async def app(")

    async def deliver() -> list[str]:
        transport = httpx.ASGITransport(app=example["app"])
        async with httpx.AsyncClient(transport=transport) as http:
            good = events.AsyncEventSender(
                "http://webhook.test/akeneo", "the-subscription-primary-secret", http_client=http
            )
            bad = events.AsyncEventSender(
                "http://webhook.test/akeneo", "a-wrong-secret", http_client=http
            )
            body = events.make_event("product.created", {"product": {"uuid": "u1"}})
            outcomes = [(await good.send(body)).outcome, (await good.send(body)).outcome]
            outcomes.append((await bad.send(body)).outcome)
            return outcomes

    assert asyncio.run(deliver()) == ["delivered", "delivered", "dropped"]
    assert [type(e).__name__ for e in example["received"]] == ["ProductCreatedEvent"]


@pytest.fixture
def pim() -> Any:
    key, certificate = make_key_pair()
    with serve_app_pim(AppPIM(key=key, certificate_pem=certificate)) as running:
        yield running


def test_the_app_sign_in_example_runs_against_a_local_pim(pim: AppPIM) -> None:
    example = run_block(
        "def activate(",
        **{'"my-app-client-id"': repr(CLIENT_ID), '"my-app-client-secret"': repr(CLIENT_SECRET)},
    )
    session: dict[str, str] = {}
    redirect = example["activate"](pim.url, session)
    location = httpx.get(redirect).headers["location"]
    params = {k: values[0] for k, values in parse_qs(urlsplit(location).query).items()}
    akeneo = example["callback"](params, session)
    assert session["user"] == "ppid-0c9b4a7e" and "state" not in session
    assert [channel.code for channel in akeneo.channels.list()] == ["ecommerce"]
    akeneo.close()
