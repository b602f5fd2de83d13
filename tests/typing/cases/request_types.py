"""Part 5: a body takes its own TypedDict or its resource's models, never another resource's."""

from __future__ import annotations

from typing import assert_type

import httpx
from akeneo_pim import (
    Akeneo,
    AkeneoError,
    AsyncAkeneo,
    BatchError,
    ConfigurationError,
    UnexpectedResponseError,
)
from akeneo_pim.models import Channel, ProductUuid
from akeneo_pim.params import ChannelBatchItemParam


def bodies(akeneo: Akeneo, channel: Channel, product: ProductUuid) -> None:
    akeneo.channels.upsert("ecommerce", {"labels": {"en_US": "E-commerce"}})
    akeneo.channels.upsert("ecommerce", channel)  # a model of the same resource, sent back
    akeneo.channels.upsert("ecommerce", product)  # E: incompatible type "ProductUuid"
    akeneo.channels.upsert("print", {"labels": "x"})  # E: incompatible type "dict[str, str]"
    akeneo.products_uuid.upsert(product.uuid or "", product)
    akeneo.products_uuid.upsert("u", channel)  # E: incompatible type "Channel"


def search_bodies(akeneo: Akeneo, product: ProductUuid) -> None:
    akeneo.products_uuid.search({"search": '{"enabled":[{"operator":"=","value":true}]}'})
    akeneo.products_uuid.search(product)  # E: incompatible type "ProductUuid"


def batches(akeneo: Akeneo, codes: list[str], channels: list[Channel]) -> None:
    akeneo.channels.upsert_many({"code": code, "labels": {"en_US": code}} for code in codes)
    akeneo.channels.upsert_many(channels)
    rows: list[ChannelBatchItemParam] = [{"code": code} for code in codes]
    akeneo.channels.upsert_many(rows)
    akeneo.channels.upsert_many([{"code": 1}])  # E: incompatible type "dict[str, int]"


def comma_separated_lists(akeneo: Akeneo) -> None:
    akeneo.products_uuid.list(locales=["en_US", "fr_FR"], attributes=("name", "weight"))
    akeneo.products_uuid.list(locales="en_US,fr_FR")
    akeneo.products_uuid.list(locales=[1, 2])  # E: List item 0 has incompatible type "int"


def options(akeneo: Akeneo, async_akeneo: AsyncAkeneo) -> None:
    assert_type(akeneo.with_options(timeout=5.0, max_retries=0), Akeneo)
    assert_type(async_akeneo.with_options(max_concurrency=2), AsyncAkeneo)
    akeneo.with_options(http_client=httpx.Client())
    akeneo.with_options(tiemout=5.0)  # E: Unexpected keyword argument "tiemout"
    akeneo.with_options(max_retries="5")  # E: incompatible type "str"
    async_akeneo.with_options(http_client=httpx.Client())  # E: incompatible type "Client"


def errors() -> None:
    for error in (BatchError, ConfigurationError, UnexpectedResponseError):
        assert issubclass(error, AkeneoError)
