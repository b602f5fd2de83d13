"""Request types that fit: a body takes its TypedDict or its own resource's models, and
comma-separated query parameters take a list as well as a string."""

from __future__ import annotations

import pytest

from generator.build import build_api
from generator.ir import Api
from generator.load import load_spec
from generator.types import comma_separated
from tests.conftest import SPEC


@pytest.fixture(scope="module")
def api() -> Api:
    return build_api(load_spec(SPEC))


def _arg(api: Api, resource: str, method: str, name: str) -> str:
    found = next(r for r in api.resources if r.attribute == resource)
    op = next(o for o in found.operations if o.method_name == method)
    return next(a.annotation.source() for a in op.signature.args if a.name == name)


def test_bodies_take_their_resources_models_only(api: Api) -> None:
    assert _arg(api, "channels", "upsert", "body") == "ChannelUpdateParam | Channel"
    items = _arg(api, "channels", "upsert_many", "items")
    assert items == "Iterable[ChannelBatchItemParam | Channel]"
    assert _arg(api, "products_uuid", "upsert", "body") == "ProductUuidUpdateParam | ProductUuid"
    every = [a.annotation.source() for r in api.resources for o in r.operations
             for a in o.signature.args]
    assert not [text for text in every if "AkeneoModel" in text]


def test_a_body_that_is_not_the_resource_takes_no_model(api: Api) -> None:
    # A search body, a token request, a job launch, a duplication, a family variant written under
    # /families/{code}/variants: none of them is a model read at that path.
    assert _arg(api, "products_uuid", "search", "body") == "ProductSearchBodyParam"
    assert _arg(api, "authentication", "get_token", "body") == "TokenRequestParam"
    assert _arg(api, "jobs", "launch_export", "body") == "JobExportLaunchParam | None"
    assert _arg(api, "catalogs", "duplicate", "body") == "CatalogDuplicateParam | None"
    assert _arg(api, "families", "create_variant", "body") == "FamilyVariantParam"
    # ...while a create on a collection still takes the model its items are read as.
    assert _arg(api, "catalogs", "create", "body") == "CatalogWriteParam | Catalog"


def test_comma_separated_lists(api: Api) -> None:
    assert _arg(api, "products_uuid", "list", "locales") == "Sequence[str] | str | None"
    assert _arg(api, "product_models", "list", "attributes") == "Sequence[str] | str | None"
    array = {"type": "array", "items": {"type": "string"}}
    assert comma_separated({"in": "query", "style": "form", "explode": False, "schema": array})
    assert not comma_separated({"in": "query", "schema": array})  # exploded: locales=a&locales=b
    assert not comma_separated({"in": "query", "explode": False, "schema": {"type": "string"}})


def test_a_list_with_a_post_search_twin_names_it(api: Api) -> None:
    # products-uuid has POST .../search beside its GET list; the identifier list has none.
    ops = {(r.attribute, o.method_name): o for r in api.resources for o in r.operations}
    uuid_list = ops[("products_uuid", "list")]
    assert uuid_list.post_search == "SEARCH_PRODUCTS_UUID"
    assert "post_search=SEARCH_PRODUCTS_UUID" in uuid_list.signature.call
    assert any("POST /products-uuid/search" in note for note in uuid_list.notes)
    assert ops[("products", "list")].post_search is None
    assert ops[("product_models", "list")].post_search is None
    assert [key for key, op in ops.items() if op.post_search] == [("products_uuid", "list")]
