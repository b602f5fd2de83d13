"""Client construction, settings, headers, with_options and the request helpers."""

from __future__ import annotations

import asyncio
import json
import warnings
from typing import Any

import httpx
import pytest
from akeneo_runtime_under_test._client import AsyncAPIClient, SyncAPIClient
from akeneo_runtime_under_test._endpoint import Endpoint
from akeneo_runtime_under_test._errors import ConfigurationError, UnexpectedResponseError
from akeneo_runtime_under_test._models import AkeneoModel
from akeneo_runtime_under_test._types import NOT_GIVEN, RequestOptions
from akeneo_runtime_under_test._version import __version__

GET_CHANNEL = Endpoint("channels_get", "GET", "/api/rest/v1/channels/{code}")
LIST_ATTR_OPTIONS = Endpoint(
    "reference_entity_attribute_options_list",
    "GET",
    "/api/rest/v1/reference-entities/{ref}/attributes/{attr}/options",
)
PATCH_CHANNEL = Endpoint("channels_patch", "PATCH", "/api/rest/v1/channels/{code}")
POST_CHANNEL = Endpoint("channels_post", "POST", "/api/rest/v1/channels")
DELETE_ASSET = Endpoint("assets_delete", "DELETE", "/api/rest/v1/assets/{code}")
SYSTEM_INFO = Endpoint(
    "system_information_get", "GET", "/api/rest/v1/system-information", authenticated=False
)


class Channel(AkeneoModel):
    code: str
    category_tree: str | None = None


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch, pim: Any) -> None:
    monkeypatch.setenv("AKENEO_BASE_URL", "https://env.example.com/")
    monkeypatch.setenv("AKENEO_CLIENT_ID", "env-id")
    monkeypatch.setenv("AKENEO_SECRET", "env-secret")
    monkeypatch.setenv("AKENEO_USERNAME", "env-user")
    monkeypatch.setenv("AKENEO_PASSWORD", "env-password")
    pim.add("GET", "/api/rest/v1/channels/web", httpx.Response(200, json={"code": "web"}))
    with SyncAPIClient(transport=pim.transport) as client:
        assert client.base_url == "https://env.example.com"
        client.fetch_json(GET_CHANNEL, path_params={"code": "web"})
    assert pim.token_bodies[0] == {
        "grant_type": "password",
        "username": "env-user",
        "password": "env-password",
    }
    assert str(pim.api_calls()[0].url) == "https://env.example.com/api/rest/v1/channels/web"


def test_missing_base_url_is_a_clear_error() -> None:
    with pytest.raises(ConfigurationError, match="AKENEO_BASE_URL"):
        SyncAPIClient(client_id="x")


def test_incomplete_credentials_name_what_is_missing() -> None:
    with pytest.raises(ConfigurationError) as info:
        SyncAPIClient(base_url="https://pim.example.com", client_id="x", secret="y")
    assert "username (env AKENEO_USERNAME)" in str(info.value)
    assert "password (env AKENEO_PASSWORD)" in str(info.value)


def test_no_credentials_fail_at_the_first_authenticated_call(pim: Any) -> None:
    pim.add("GET", "/api/rest/v1/system-information", httpx.Response(200, json={"version": "7"}))
    with SyncAPIClient(base_url="https://pim.example.com", transport=pim.transport) as client:
        assert client.fetch_json(SYSTEM_INFO) == {"version": "7"}
        with pytest.raises(ConfigurationError, match="access_token"):
            client.fetch_json(GET_CHANNEL, path_params={"code": "web"})


@pytest.mark.parametrize(
    "url", ["pim.example.com", "ftp://pim.example.com", "https://user:pw@pim.example.com"]
)
def test_invalid_base_urls_are_refused(url: str) -> None:
    with pytest.raises(ConfigurationError):
        SyncAPIClient(base_url=url, access_token="t")


def test_base_url_with_api_suffix_is_normalised() -> None:
    client = SyncAPIClient(base_url="https://pim.example.com/api/rest/v1/", access_token="t")
    assert client.base_url == "https://pim.example.com"
    client.close()


def test_default_headers_and_model(make_client: Any, pim: Any) -> None:
    pim.add(
        "GET",
        "/api/rest/v1/channels/web",
        httpx.Response(200, json={"code": "web", "category_tree": None, "unknown": 1}),
    )
    client = make_client()
    channel = client.fetch_model(GET_CHANNEL, cast_to=Channel, path_params={"code": "web"})
    assert channel.code == "web"
    assert channel.model_extra == {"unknown": 1}
    request = pim.api_calls()[0]
    assert request.headers["user-agent"] == f"akeneo-pim-python/{__version__}"
    assert request.headers["accept"] == "application/json"
    assert request.headers["authorization"] == "Bearer tok1"
    assert "content-type" not in request.headers


def test_fetch_list_parses_a_bare_array(make_client: Any, pim: Any) -> None:
    path = "/api/rest/v1/reference-entities/brand/attributes/color/options"
    pim.add("GET", path, httpx.Response(200, json=[{"code": "red"}, {"code": "blue"}]))
    result = make_client().fetch_list(
        LIST_ATTR_OPTIONS, cast_to=Channel, path_params={"ref": "brand", "attr": "color"}
    )
    assert [item.code for item in result] == ["red", "blue"]


def test_a_non_json_success_body_is_an_unexpected_response(make_client: Any, pim: Any) -> None:
    pim.add("GET", "/api/rest/v1/channels/web", httpx.Response(200, text="<html>oops</html>"))
    with pytest.raises(UnexpectedResponseError, match="not JSON"):
        make_client().fetch_json(GET_CHANNEL, path_params={"code": "web"})


def test_write_sends_compact_json_without_links(make_client: Any, pim: Any) -> None:
    pim.add(
        "PATCH",
        "/api/rest/v1/channels/web",
        httpx.Response(
            201, headers={"Location": "https://pim.example.com/api/rest/v1/channels/web"}
        ),
    )
    model = Channel.model_validate(
        {"code": "web", "_links": {"self": {"href": "x"}}, "labels": {"en_US": "Web"}}
    )
    result = make_client().write(PATCH_CHANNEL, path_params={"code": "web"}, json=model)
    assert result.created is True
    assert result.code == "web"
    assert result.location == "https://pim.example.com/api/rest/v1/channels/web"
    request = pim.api_calls()[0]
    assert request.headers["content-type"] == "application/json"
    assert request.content == b'{"code":"web","labels":{"en_US":"Web"}}'


def test_write_204_is_an_update(make_client: Any, pim: Any) -> None:
    pim.add("PATCH", "/api/rest/v1/channels/web", httpx.Response(204))
    result = make_client().write(PATCH_CHANNEL, path_params={"code": "web"}, json={"code": "web"})
    assert (result.status_code, result.created, result.code) == (204, False, None)


def test_delete(make_client: Any, pim: Any) -> None:
    pim.add("DELETE", "/api/rest/v1/assets/a", httpx.Response(204))
    assert make_client().delete(DELETE_ASSET, path_params={"code": "a"}) is None
    assert pim.api_calls()[0].method == "DELETE"


def test_unauthenticated_endpoints_send_no_bearer(make_client: Any, pim: Any) -> None:
    pim.add("GET", "/api/rest/v1/system-information", httpx.Response(200, json={}))
    make_client().fetch_json(SYSTEM_INFO)
    assert pim.token_bodies == []
    assert "authorization" not in pim.requests[0].headers


def test_query_values_are_encoded(make_client: Any, pim: Any) -> None:
    pim.add("GET", "/api/rest/v1/channels/web", httpx.Response(200, json={}))
    make_client().fetch_json(
        GET_CHANNEL,
        path_params={"code": "web"},
        query={"with_count": True, "locales": ["en_US", "fr_FR"], "scope": None, "limit": 100},
        options=RequestOptions(extra_query={"limit": 50, "x": "y"}),
    )
    params = pim.api_calls()[0].url.params
    assert params["with_count"] == "true"
    assert params["locales"] == "en_US,fr_FR"
    assert "scope" not in params
    assert params["limit"] == "50"
    assert params["x"] == "y"


def test_extra_headers_and_timeouts(make_client: Any, pim: Any) -> None:
    seen: list[Any] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request.extensions["timeout"])
        return httpx.Response(200, json={})

    pim.add("GET", "/api/rest/v1/channels/web", answer)
    client = make_client(timeout=12.0)
    client.fetch_json(GET_CHANNEL, path_params={"code": "web"})
    client.fetch_json(
        GET_CHANNEL,
        path_params={"code": "web"},
        options=RequestOptions(timeout=3.0, extra_headers={"X-Trace": "abc"}),
    )
    assert seen[0]["read"] == 12.0
    assert seen[1]["read"] == 3.0
    assert pim.api_calls()[1].headers["x-trace"] == "abc"


def test_default_timeout_is_60_seconds() -> None:
    client = SyncAPIClient(base_url="https://pim.example.com", access_token="t")
    assert client.timeout.read == 60.0
    assert client.max_concurrency == 4
    client.close()


def test_deprecated_endpoints_warn_once_per_call(make_client: Any, pim: Any) -> None:
    endpoint = Endpoint(
        "assets_get", "GET", "/api/rest/v1/assets/{code}", deprecated="PAM assets are deprecated"
    )
    pim.add("GET", "/api/rest/v1/assets/a", httpx.Response(200, json={}))
    client = make_client()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        client.fetch_json(endpoint, path_params={"code": "a"})
    assert [str(w.message) for w in caught] == ["PAM assets are deprecated"]
    assert caught[0].category is DeprecationWarning


def test_with_options_returns_same_class_and_shares_token(make_client: Any, pim: Any) -> None:
    class Akeneo(SyncAPIClient):
        pass

    pim.add("GET", "/api/rest/v1/channels/web", httpx.Response(200, json={}))
    client = Akeneo(
        base_url="https://pim.example.com",
        client_id="id",
        secret="s",
        username="u",
        password="p",
        transport=pim.transport,
    )
    derived = client.with_options(timeout=5.0, max_retries=0)
    assert type(derived) is Akeneo
    assert derived.timeout.read == 5.0 and client.timeout.read == 60.0
    assert derived.max_retries == 0 and client.max_retries == 5
    client.fetch_json(GET_CHANNEL, path_params={"code": "web"})
    derived.fetch_json(GET_CHANNEL, path_params={"code": "web"})
    assert len(pim.token_bodies) == 1  # one login serves both
    derived.close()
    assert not client.is_closed  # the shared pool belongs to the parent
    client.close()
    assert client.is_closed


def test_with_options_new_credentials_get_their_own_token(make_client: Any, pim: Any) -> None:
    pim.add("GET", "/api/rest/v1/channels/web", httpx.Response(200, json={}))
    client = make_client()
    other = client.with_options(username="bob", password="other")
    client.fetch_json(GET_CHANNEL, path_params={"code": "web"})
    other.fetch_json(GET_CHANNEL, path_params={"code": "web"})
    assert [body["username"] for body in pim.token_bodies] == ["julia", "bob"]


def test_with_options_refuses_unknown_settings(make_client: Any) -> None:
    with pytest.raises(TypeError, match="tiemout"):
        make_client().with_options(tiemout=3)


def test_not_given_is_falsy_singleton() -> None:
    assert not NOT_GIVEN
    assert repr(NOT_GIVEN) == "NOT_GIVEN"


def test_login_is_eager(make_client: Any, pim: Any) -> None:
    client = make_client()
    client.login()
    assert len(pim.token_bodies) == 1
    auth = pim.token_headers[0]
    assert auth.startswith("Basic ")


def test_raw_request_escape_hatch(make_client: Any, pim: Any) -> None:
    pim.add("GET", "/api/rest/v1/custom", httpx.Response(200, json={"ok": True}))
    response = make_client().request("GET", "/api/rest/v1/custom", query={"a": True})
    assert response.json() == {"ok": True}
    assert pim.api_calls()[0].url.params["a"] == "true"


def test_async_client_basics(make_async_client: Any, pim: Any) -> None:
    pim.add("GET", "/api/rest/v1/channels/web", httpx.Response(200, json={"code": "web"}))
    pim.add("POST", "/api/rest/v1/channels", httpx.Response(201, headers={"Location": "/x/y"}))

    async def main() -> None:
        async with make_async_client() as client:
            assert isinstance(client, AsyncAPIClient)
            channel = await client.fetch_model(
                GET_CHANNEL, cast_to=Channel, path_params={"code": "web"}
            )
            assert channel.code == "web"
            result = await client.write(POST_CHANNEL, json={"code": "y"})
            assert result.code == "y"
            derived = client.with_options(timeout=1.0)
            assert type(derived) is type(client)
            await derived.fetch_json(GET_CHANNEL, path_params={"code": "web"})
        assert client.is_closed

    asyncio.run(main())
    assert len(pim.token_bodies) == 1
    assert json.loads(pim.calls("POST", "/api/rest/v1/channels")[0].content) == {"code": "y"}


def test_base_url_with_a_path_prefix(pim: Any, sleeps: list[float]) -> None:
    pim.add("GET", "/pim/api/rest/v1/channels/web", httpx.Response(200, json={"code": "web"}))
    pim.add("GET", "/pim/api/rest/v1/custom", httpx.Response(200, json={}))
    pim.add("POST", "/pim/api/oauth/v1/token", pim.issue_token)
    with SyncAPIClient(
        base_url="https://pim.example.com/pim",
        client_id="i",
        secret="s",
        username="u",
        password="p",
        transport=pim.transport,
    ) as client:
        assert client.fetch_json(GET_CHANNEL, path_params={"code": "web"}) == {"code": "web"}
        client.request("GET", "/api/rest/v1/custom")
    assert [r.url.path for r in pim.requests] == [
        "/pim/api/oauth/v1/token",
        "/pim/api/rest/v1/channels/web",
        "/pim/api/rest/v1/custom",
    ]
