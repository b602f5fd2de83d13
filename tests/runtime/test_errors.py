"""Error classes, their mapping from status codes and their messages."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from akeneo_runtime_under_test import _errors as errors
from akeneo_runtime_under_test._endpoint import Endpoint

PATCH_CHANNEL = Endpoint("channels_patch", "PATCH", "/api/rest/v1/channels/{code}")
CHANNEL_PATH = "/api/rest/v1/channels/x"


def test_non_json_error_bodies_are_kept_as_text(make_client: Any, pim: Any) -> None:
    pim.add("PATCH", CHANNEL_PATH, httpx.Response(502, text="<html>Bad   gateway</html>"))
    with pytest.raises(errors.InternalServerError) as info:
        make_client(max_retries=0).write(PATCH_CHANNEL, path_params={"code": "x"}, json={})
    assert info.value.body == "<html>Bad   gateway</html>"
    assert str(info.value).endswith("(channels_patch): <html>Bad gateway</html>")


def test_empty_error_body(make_client: Any, pim: Any) -> None:
    pim.add("PATCH", CHANNEL_PATH, httpx.Response(405))
    with pytest.raises(errors.MethodNotAllowedError) as info:
        make_client().write(PATCH_CHANNEL, path_params={"code": "x"}, json={})
    assert info.value.body is None
    assert "405 Method Not Allowed" in str(info.value)
    assert "(no message from the server)" in str(info.value)


def test_rate_limit_error_exposes_retry_after() -> None:
    error = errors.RateLimitError(
        status_code=429, headers={"Retry-After": "12"}, method="GET", url="https://pim/x"
    )
    assert error.retry_after == 12.0


def test_connection_errors(make_client: Any) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused")

    client = make_client(transport=httpx.MockTransport(refuse), max_retries=0, access_token="t")
    with pytest.raises(errors.APIConnectionError) as info:
        client.write(PATCH_CHANNEL, path_params={"code": "x"}, json={})
    assert not isinstance(info.value, errors.APITimeoutError)
    assert "connection refused" in str(info.value)
    assert isinstance(info.value.__cause__, httpx.ConnectError)


def test_validation_detail_from_odd_values() -> None:
    assert errors.ValidationErrorDetail.list_from(None) == []
    detail = errors.ValidationErrorDetail.from_raw("plain text")
    assert detail.message == "plain text"
    channel = errors.ValidationErrorDetail.from_raw({"message": "m", "channel": "web"})
    assert channel.scope == "web"
