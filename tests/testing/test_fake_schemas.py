"""FakeAkeneo checks request bodies against the spec's request types (`akeneo_pim.params`), through
the generated client: a body of the wrong shape is refused with Akeneo's 422, a batch line alone."""

from __future__ import annotations

import asyncio
from typing import Any, cast

import pytest
from akeneo_pim import Akeneo, UnprocessableEntityError
from akeneo_pim.params import TableRowParam
from akeneo_pim.testing import FakeAkeneo
from pydantic import TypeAdapter


def test_a_write_of_the_wrong_shape_is_refused_and_nothing_is_stored(akeneo: Akeneo) -> None:
    wrong = cast(Any, {"attributes": "sku", "attribute_as_label": "sku"})  # a list is required
    with pytest.raises(UnprocessableEntityError) as refused:
        akeneo.families.upsert("shoes", wrong)
    assert refused.value.errors[0].property == "attributes"
    assert "not allowed as a Sequence" in (refused.value.errors[0].message or "")
    assert [family.code for family in akeneo.families.list()] == []


def test_a_body_that_fits_its_type_is_stored(akeneo: Akeneo) -> None:
    akeneo.families.upsert("shoes", {"attributes": ["sku"], "attribute_as_label": "sku"})
    assert akeneo.families.get("shoes").attributes == ["sku"]


def test_a_batch_line_of_the_wrong_shape_fails_alone(akeneo_fake: FakeAkeneo) -> None:
    rows: list[Any] = [
        {"uuid": f"00000000-0000-4000-8000-{n:012d}", "enabled": True} for n in range(3)
    ]
    rows[1]["enabled"] = "yes"  # a boolean is required
    with akeneo_fake.client() as client:
        report = client.products_uuid.upsert_many(rows)
    assert [result.status_code for result in report] == [201, 422, 201]
    assert report.failed[0].errors[0].property == "enabled"
    assert len(akeneo_fake.items("products_uuid")) == 2


def test_the_async_client_sees_the_same_refusal() -> None:
    async def run() -> str | None:
        async with FakeAkeneo.seeded().async_client() as client:
            with pytest.raises(UnprocessableEntityError) as refused:
                await client.channels.upsert("print", cast(Any, {"locales": "en_US"}))
            return refused.value.errors[0].property

    assert asyncio.run(run()) == "locales"


def test_nominal_request_types_are_validated_as_the_objects_they_are() -> None:
    # The hook the generator writes on `x-python-nominal` types, which the check relies on.
    row = TypeAdapter(TableRowParam).validate_python({"ingredient": "cocoa"}, strict=True)
    assert isinstance(row, TableRowParam) and row == {"ingredient": "cocoa"}
