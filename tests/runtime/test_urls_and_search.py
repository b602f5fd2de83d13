"""Path encoding of hostile codes, query encoding and the Search builder."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import unquote

import httpx
import pytest
from akeneo_runtime_under_test._endpoint import Endpoint
from akeneo_runtime_under_test._search import Search, serialize_search
from akeneo_runtime_under_test._urls import encode_query, render_path, resolve_link
from hypothesis import given
from hypothesis import strategies as st

GET_OPTION = Endpoint(
    "attribute_options_get", "GET", "/api/rest/v1/attributes/{attribute_code}/options/{code}"
)
GET_MEDIA = Endpoint(
    "media_files_get", "GET", "/api/rest/v1/media-files/{code}", keep_slashes=frozenset({"code"})
)
LIST_PRODUCTS = Endpoint("products_uuid_list", "GET", "/api/rest/v1/products-uuid")

HOSTILE = ["a/b", "a?b=c", "a#frag", "100%", "with space", "..", ".", "a/../../x", "é&+="]


@pytest.mark.parametrize("code", HOSTILE)
def test_hostile_codes_stay_one_segment(make_client: Any, pim: Any, code: str) -> None:
    seen: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={})

    client = make_client(transport=httpx.MockTransport(record), access_token="t")
    client.fetch_json(GET_OPTION, path_params={"attribute_code": "color", "code": code})
    url = seen[0].url
    raw = url.raw_path.decode()
    prefix = "/api/rest/v1/attributes/color/options/"
    assert raw.startswith(prefix)
    segment = raw[len(prefix) :]
    assert "/" not in segment and "?" not in segment and "#" not in segment
    assert unquote(segment) == code
    assert url.query == b""


def test_keep_slashes_keeps_media_codes_as_segments() -> None:
    path = render_path(GET_MEDIA.path, {"code": "1/d/7/f/abc_my file.jpg"}, GET_MEDIA.keep_slashes)
    assert path == "/api/rest/v1/media-files/1/d/7/f/abc_my%20file.jpg"
    dotted = render_path(GET_MEDIA.path, {"code": "../../oauth"}, GET_MEDIA.keep_slashes)
    assert dotted == "/api/rest/v1/media-files/%2E%2E/%2E%2E/oauth"
    hostile = render_path(GET_MEDIA.path, {"code": "a?b#c"}, GET_MEDIA.keep_slashes)
    assert hostile == "/api/rest/v1/media-files/a%3Fb%23c"


@pytest.mark.parametrize(
    "params", [{}, {"attribute_code": "color"}, {"attribute_code": "c", "code": ""}]
)
def test_missing_or_empty_path_params_raise(make_client: Any, pim: Any, params: Any) -> None:
    with pytest.raises(ValueError, match="path parameter"):
        make_client().fetch_json(GET_OPTION, path_params=params)
    assert pim.requests == []


@given(st.text(min_size=1))
def test_any_code_round_trips_as_one_segment(code: str) -> None:
    path = render_path("/x/{code}", {"code": code}, frozenset())
    segment = path[len("/x/") :]
    assert "/" not in segment and "?" not in segment and "#" not in segment
    assert segment not in (".", "..")
    assert unquote(segment) == code


def test_search_builder() -> None:
    search = (
        Search()
        .add("enabled", "=", True)
        .add("completeness", ">", 70, scope="ecommerce")
        .add("completeness", "GREATER THAN ON ALL LOCALES", 50, scope="web", locales=["en_US"])
        .add("family", "NOT EMPTY")
        .add("name", "CONTAINS", "shoe", locale="en_US")
    )
    assert search.to_dict() == {
        "enabled": [{"operator": "=", "value": True}],
        "completeness": [
            {"operator": ">", "value": 70, "scope": "ecommerce"},
            {
                "operator": "GREATER THAN ON ALL LOCALES",
                "value": 50,
                "scope": "web",
                "locales": ["en_US"],
            },
        ],
        "family": [{"operator": "NOT EMPTY"}],
        "name": [{"operator": "CONTAINS", "value": "shoe", "locale": "en_US"}],
    }
    assert search.to_json() == json.dumps(search.to_dict(), separators=(",", ":"))
    assert '":' in search.to_json() and '": ' not in search.to_json()


def test_search_add_returns_a_new_search() -> None:
    base = Search().add("enabled", "=", True)
    extended = base.add("family", "IN", ["shoes"])
    assert "family" not in base.to_dict()
    assert extended.to_dict()["family"] == [{"operator": "IN", "value": ["shoes"]}]
    assert base == Search({"enabled": [{"operator": "=", "value": True}]})


def test_records_use_channel() -> None:
    search = Search().add("complete", "=", True, channel="ecommerce", locales=["en_US"])
    assert search.to_dict()["complete"] == [
        {"operator": "=", "value": True, "locales": ["en_US"], "channel": "ecommerce"}
    ]


def test_serialize_search_forms() -> None:
    as_dict = {"enabled": [{"operator": "=", "value": True}]}
    assert serialize_search(as_dict) == '{"enabled":[{"operator":"=","value":true}]}'
    assert serialize_search(Search(as_dict)) == serialize_search(as_dict)
    assert serialize_search('{"a": 1}') == '{"a": 1}'
    with pytest.raises(ValueError, match="JSON"):
        serialize_search("{not json")


@pytest.mark.parametrize(
    "value",
    [
        Search().add("enabled", "=", True),
        {"enabled": [{"operator": "=", "value": True}]},
        '{"enabled":[{"operator":"=","value":true}]}',
    ],
)
def test_search_query_values_are_sent_as_json(make_client: Any, pim: Any, value: Any) -> None:
    pim.add(
        "GET",
        "/api/rest/v1/products-uuid",
        httpx.Response(200, json={"_links": {}, "_embedded": {"items": []}}),
    )
    client = make_client()
    list(client.paginate(LIST_PRODUCTS, item_type=_Item, query={"search": value}))
    sent = pim.api_calls()[0].url.params["search"]
    assert json.loads(sent) == {"enabled": [{"operator": "=", "value": True}]}


def test_encode_query() -> None:
    assert encode_query({"a": None, "b": False, "c": ["x", "y"], "d": 3, "e": {"k": 1}}) == [
        ("b", "false"),
        ("c", "x,y"),
        ("d", "3"),
        ("e", '{"k":1}'),
    ]


def test_resolve_link() -> None:
    base = "https://pim.example.com"
    assert (
        resolve_link(base, "/api/rest/v1/x?page=2")
        == "https://pim.example.com/api/rest/v1/x?page=2"
    )
    assert resolve_link(base, "https://PIM.example.com/y") == "https://pim.example.com/y"
    assert resolve_link(base, "https://pim.example.com:443/y") == "https://pim.example.com/y"
    with pytest.raises(Exception, match="does not point"):
        resolve_link(base, "https://pim.example.com:8443/y")


class _Item:
    @classmethod
    def model_validate(cls, data: Any) -> Any:
        return data
