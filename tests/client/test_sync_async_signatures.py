"""Every public method of each sync/async pair has the same signature in both flavours.

Pairs: the runtime's (clients, token managers, paginators, resource bases) and the generated ones
(`Akeneo`/`AsyncAkeneo`, each `XResource`/`AsyncXResource`). Parameters, kinds, defaults and
annotations must be equal once the async names are mapped to their sync twins (generator/unasync).
"""

from __future__ import annotations

import inspect
import re
from functools import cached_property
from typing import Any

import akeneo_pim.resources as resources
import pytest
from akeneo_pim import Akeneo, AsyncAkeneo
from akeneo_pim._auth_async import AsyncTokenManager
from akeneo_pim._auth_sync import SyncTokenManager
from akeneo_pim._client import AsyncAPIClient, SyncAPIClient
from akeneo_pim._pagination import AsyncPaginator, SyncPaginator
from akeneo_pim._resource import AsyncResource, SyncResource

from generator import unasync
from generator.render import RUNTIME

RESOURCE_PAIRS = [
    (getattr(resources, name), getattr(resources, f"Async{name}"))
    for name in resources.__all__
    if not name.startswith("Async")
]
PAIRS: list[tuple[type, type]] = [
    (SyncAPIClient, AsyncAPIClient),
    (SyncTokenManager, AsyncTokenManager),
    (SyncPaginator, AsyncPaginator),
    (SyncResource, AsyncResource),
    (Akeneo, AsyncAkeneo),
    *RESOURCE_PAIRS,
]
RENAMES = {
    **unasync.renames_for(RUNTIME),
    "AsyncAkeneo": "Akeneo",
    **{async_cls.__name__: cls.__name__ for cls, async_cls in RESOURCE_PAIRS},
}
_WORD = re.compile(r"\b(" + "|".join(sorted(RENAMES, key=len, reverse=True)) + r")\b")
# Dunders a user calls through syntax: `with`/`async with`, `for`/`async for`, construction.
_DUNDERS = {"__init__", "__enter__", "__exit__", "__aenter__", "__aexit__", "__iter__", "__aiter__"}


def to_sync(text: str) -> str:
    return _WORD.sub(lambda match: RENAMES[match.group(1)], text)


def public_members(cls: type, *, rename: bool) -> dict[str, Any]:
    members = {}
    for name in dir(cls):
        if name.startswith("_") and name not in _DUNDERS:
            continue
        member = inspect.getattr_static(cls, name)
        if isinstance(member, cached_property):
            member = member.func
        elif isinstance(member, property):
            member = member.fget
        if inspect.isfunction(member):
            members[to_sync(name) if rename else name] = member
    return members


def described(function: Any, *, rename: bool) -> list[tuple[object, ...]]:
    """Each parameter as (name, kind, default, annotation), then the return annotation."""
    signature = inspect.signature(function)
    text = to_sync if rename else str
    rows: list[tuple[object, ...]] = [
        (p.name, p.kind, p.default, text(str(p.annotation))) for p in signature.parameters.values()
    ]
    rows.append(("return", text(str(signature.return_annotation))))
    return rows


@pytest.mark.parametrize(("sync_cls", "async_cls"), PAIRS, ids=lambda cls: cls.__name__)
def test_sync_and_async_methods_have_the_same_signatures(sync_cls: type, async_cls: type) -> None:
    sync_members = public_members(sync_cls, rename=False)
    async_members = public_members(async_cls, rename=True)
    assert sorted(sync_members) == sorted(async_members)
    for name, sync_method in sync_members.items():
        expected = described(sync_method, rename=False)
        actual = described(async_members[name], rename=True)
        assert actual == expected, f"{sync_cls.__name__}.{name}"


def test_every_generated_resource_has_both_flavours() -> None:
    names = set(resources.__all__)
    assert len(RESOURCE_PAIRS) > 30
    assert {name for name in names if name.startswith("Async")} == {
        f"Async{cls.__name__}" for cls, _ in RESOURCE_PAIRS
    }


def test_a_differing_signature_is_caught() -> None:
    """The comparison itself: a keyword with another default is a difference."""

    class Sync:
        def call(self, *, limit: int = 10) -> SyncPaginator[int]: ...

    class Async:
        def call(self, *, limit: int = 100) -> AsyncPaginator[int]: ...

    sync = described(public_members(Sync, rename=False)["call"], rename=False)
    same_but_async = described(public_members(Async, rename=True)["call"], rename=True)
    assert sync[-1] == same_but_async[-1]  # the return annotations match once mapped
    assert sync != same_but_async
