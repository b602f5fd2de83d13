"""The fake's route table is generated from the spec: one route per operation, as the IR says."""

from __future__ import annotations

from akeneo_pim.testing._routes import ROUTES

from generator.pipeline import read_api
from tests.conftest import SPEC


def test_every_operation_of_the_spec_has_its_route() -> None:
    api = read_api(SPEC)
    expected = {
        (op.http_method, op.path, op.kind, resource.attribute, op.batch_key)
        for resource in api.resources
        for op in resource.operations
    }
    routed = {(r.method, r.path, r.kind, r.resource, r.key) for r in ROUTES}
    assert routed == expected
    by_path = {(r.method, r.path): r for r in ROUTES}
    batch = by_path[("PATCH", "/api/rest/v1/products-uuid")]
    assert (batch.batch_format, batch.key, batch.body_param) == (
        "ndjson",
        "uuid",
        "ProductUuidParam",
    )
    download = by_path[("GET", "/api/rest/v1/media-files/{code}/download")]
    assert download.keep_slashes == ("code",)
    assert not by_path[("GET", "/api/rest/v1")].authenticated
    assert (
        by_path[("POST", "/api/rest/v1/asset-media-files")].code_header == "Asset-media-file-code"
    )
