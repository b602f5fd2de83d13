"""`with_options` names every constructor setting as a typed keyword argument, and means it."""

from __future__ import annotations

import inspect
from typing import Any

import pytest
from akeneo_runtime_under_test._client import AsyncAPIClient, SyncAPIClient
from akeneo_runtime_under_test._types import NOT_GIVEN


@pytest.mark.parametrize("client_class", [SyncAPIClient, AsyncAPIClient])
def test_with_options_takes_exactly_the_constructor_settings(client_class: Any) -> None:
    init = inspect.signature(client_class.__init__).parameters
    options = inspect.signature(client_class.with_options).parameters
    settings = [name for name in init if name != "self"]
    assert [name for name in options if name != "self"] == settings
    for name in settings:
        assert options[name].kind is inspect.Parameter.KEYWORD_ONLY
        assert options[name].default is NOT_GIVEN
        assert "NotGiven" in str(options[name].annotation), name


@pytest.mark.parametrize("client_class", [SyncAPIClient, AsyncAPIClient])
def test_init_documents_every_argument(client_class: Any) -> None:
    doc = inspect.getdoc(client_class.__init__) or ""
    for name in inspect.signature(client_class.__init__).parameters:
        if name != "self":
            assert f"    {name}: " in doc, name


def test_with_options_changes_only_what_is_given(make_client: Any) -> None:
    client = make_client(max_retries=2)
    derived = client.with_options(max_concurrency=2)
    assert (derived.max_retries, derived.max_concurrency) == (2, 2)
    # None is a setting of its own (no timeout), not "unchanged"
    assert client.with_options(timeout=None).timeout.read is None
    assert client.with_options().timeout == client.timeout
