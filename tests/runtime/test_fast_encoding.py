"""The batch fast path (`encode_body`, pydantic-core's to_json) sends the very bytes the strict
encoder sends, and refuses exactly what it refuses."""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from decimal import Decimal
from typing import Any

import pytest
from akeneo_pim._batch import BatchItemResult, BatchPlanner, Chunk
from akeneo_pim._json_encode import ItemEncodingError, encode_body, encode_item
from akeneo_pim._serialization import strip_links

from bench.bench_runtime import product


class Colour(enum.Enum):
    RED = "red"


def _strict(value: dict[str, Any]) -> tuple[bytes, int]:
    return encode_item(strip_links(value))


ODD_BUT_VALID: list[dict[str, Any]] = [
    {"a": 1.5e-05, "b": 1e-07, "c": 1e16, "d": -0.0, "e": 0.1 + 0.2, "f": 2**70},
    {"when": dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc), "day": dt.date(2024, 1, 2)},
    {"price": Decimal("1.50"), "id": uuid.UUID(int=5), "colour": Colour.RED, "t": (1, 2)},
    {"s": "NaN", "i": "Infinity", "ctl": 'x\x00\x1f\u2028\x7f"\\', "uni": "é€😀"},
    {"nested": {"_links": {"self": "x"}, "keep": [{"_links": 1, "k": 2}]}},
    {1: "int key", "ok": True, "none": None},
]


def test_product_corpus_gives_the_strict_bytes() -> None:
    for number in range(300):
        item = product("p", number)
        assert "_links" in item
        assert encode_body(item) == _strict(item)


@pytest.mark.parametrize("item", ODD_BUT_VALID)
def test_values_the_fast_path_hands_over_give_the_strict_bytes(item: dict[str, Any]) -> None:
    data, chars = encode_body(item)
    assert (data, chars) == _strict(item)
    assert b"_links" not in data


def test_nan_inside_a_string_is_sent() -> None:
    data, _ = encode_body({"code": "NaN", "label": "Infinity and -Infinity"})
    assert data == b'{"code":"NaN","label":"Infinity and -Infinity"}'


def test_characters_are_counted_not_bytes() -> None:
    assert encode_body({"a": "é" * 10}) == (('{"a":"' + "é" * 10 + '"}').encode(), 18)


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ({"a": float("nan")}, "NaN and Infinity"),
        ({"a": [float("-inf")]}, "NaN and Infinity"),
        ({"a": {"b": "x\udc80"}}, "lone surrogate"),
        ({"a": dt.timedelta(days=1)}, "timedelta"),
        ({"a": b"raw"}, "bytes"),
        ({"a": object()}, "object"),
    ],
)
def test_what_the_strict_encoder_refuses_is_refused_with_its_message(
    item: dict[str, Any], message: str
) -> None:
    with pytest.raises(ItemEncodingError, match=message) as fast:
        encode_body(item)
    with pytest.raises(ItemEncodingError) as strict:
        _strict(item)
    assert str(fast.value) == str(strict.value)


def test_a_circular_item_fails_alone_in_the_planner() -> None:
    looped: dict[str, Any] = {"uuid": "u1", "a": []}
    looped["a"].append(looped)
    planner = BatchPlanner(key="uuid", format="ndjson", chunk_size=2)
    refused = planner.feed(looped)
    assert [type(piece) for piece in refused] == [BatchItemResult]
    assert isinstance(refused[0], BatchItemResult) and not refused[0].ok
    assert "not sent" in (refused[0].message or "")
    chunks = planner.feed({"uuid": "u2"}) + planner.flush()
    assert [chunk.body() for chunk in chunks if isinstance(chunk, Chunk)] == [b'{"uuid":"u2"}']
