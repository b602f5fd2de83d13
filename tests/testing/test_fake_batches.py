"""Collection PATCHes of FakeAkeneo: per-line results, the 100-line and line-length limits, and
the content-type and JSON checks every write makes."""

from __future__ import annotations

import json

from akeneo_pim import Akeneo
from akeneo_pim.testing import FakeAkeneo

from .helpers import raw_client

COLLECTION = {"Content-Type": "application/vnd.akeneo.collection+json"}


def ndjson(*items: object) -> bytes:
    return b"\n".join(json.dumps(item).encode() for item in items)


def test_each_line_gets_its_own_result() -> None:
    fake = FakeAkeneo.seeded()
    fake.put("families", {"code": "shoes", "attribute_as_label": "sku"})
    body = (
        ndjson(
            {"identifier": "a", "family": "shoes"},
            {"identifier": "b", "family": "nowhere"},
            {"family": "shoes"},
        )
        + b"\n{not json"
    )
    with raw_client(fake) as http:
        answer = http.patch("/api/rest/v1/products", content=body, headers=COLLECTION)
        again = http.patch(
            "/api/rest/v1/products", content=ndjson({"identifier": "a"}), headers=COLLECTION
        )
    assert answer.status_code == 200
    assert answer.headers["content-type"] == COLLECTION["Content-Type"]
    lines = [json.loads(line) for line in answer.text.splitlines()]
    assert [(r["line"], r["status_code"]) for r in lines] == [
        (1, 201),
        (2, 422),
        (3, 422),
        (4, 400),
    ]
    assert lines[0]["identifier"] == "a" and lines[1]["errors"][0]["property"] == "family"
    assert json.loads(again.text)["status_code"] == 204


def test_over_100_lines_is_a_413_and_a_long_line_fails_alone() -> None:
    fake = FakeAkeneo.seeded()
    with raw_client(fake) as http:
        too_many = ndjson(*({"code": f"c{n}"} for n in range(101)))
        answer = http.patch("/api/rest/v1/channels", content=too_many, headers=COLLECTION)
        assert answer.status_code == 413 and "100 is the maximum" in answer.json()["message"]
        long_line = ndjson({"code": "long", "labels": {"en_US": "x" * 1_000_001}}, {"code": "ok"})
        answer = http.patch("/api/rest/v1/association-types", content=long_line, headers=COLLECTION)
    lines = [json.loads(line) for line in answer.text.splitlines()]
    assert [r["status_code"] for r in lines] == [413, 201]
    assert [t["code"] for t in fake.items("association_types")] == ["ok"]


def test_wrong_content_types_are_415s_and_bad_json_a_400() -> None:
    fake = FakeAkeneo.seeded()
    with raw_client(fake) as http:
        as_json = http.patch("/api/rest/v1/channels", json=[{"code": "x"}])
        assert as_json.status_code == 415
        as_text = http.patch(
            "/api/rest/v1/channels/x", content=b"{}", headers={"Content-Type": "text/plain"}
        )
        assert as_text.status_code == 415
        broken = http.patch(
            "/api/rest/v1/channels/x", content=b"{", headers={"Content-Type": "application/json"}
        )
        assert broken.status_code == 400 and broken.json()["code"] == 400
        upload = http.post("/api/rest/v1/media-files", json={"file": "x"})
        assert upload.status_code == 415


def test_upsert_many_of_300_products_from_a_generator(
    akeneo: Akeneo, akeneo_fake: FakeAkeneo
) -> None:
    akeneo.families.upsert("boots", {"attribute_as_label": "sku"})
    seen: list[int] = []
    products = ({"identifier": f"boot-{n:03d}", "family": "boots"} for n in range(300))
    report = akeneo.products.upsert_many(
        products, on_result=lambda r: seen.append(r.status_code or 0)
    )
    assert len(report) == 300 and not report.failed and seen == [201] * 300
    batches = [
        r for r in akeneo_fake.requests if r.method == "PATCH" and r.path == "/api/rest/v1/products"
    ]
    assert [len(r.json) for r in batches] == [100, 100, 100]
    changed = akeneo.products.upsert_many([{"identifier": "boot-000", "enabled": False}])
    assert [r.status_code for r in changed] == [204]
    assert len(akeneo_fake.items("products_uuid")) == 300


def test_json_array_batches_of_assets() -> None:
    fake = FakeAkeneo.seeded()
    fake.put("asset_families", {"code": "packshots"})
    with fake.client() as akeneo:
        report = akeneo.assets.upsert_many(
            "packshots", [{"code": "front", "values": {}}, {"code": "back", "values": {}}]
        )
        assert [(r.index, r.status_code) for r in report] == [(0, 201), (1, 201)]
        assert [a.code for a in akeneo.assets.list("packshots")] == ["back", "front"]
