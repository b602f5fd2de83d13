"""Retries: which failures, how long to wait, and the bounds."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import httpx
import pytest
from akeneo_runtime_under_test._endpoint import Endpoint
from akeneo_runtime_under_test._errors import (
    APIConnectionError,
    APITimeoutError,
    InternalServerError,
    RateLimitError,
)
from akeneo_runtime_under_test._retry import RetryPolicy, parse_retry_after
from akeneo_runtime_under_test._types import RequestOptions

GET_FAMILY = Endpoint("families_get", "GET", "/api/rest/v1/families/{code}")
POST_FAMILY = Endpoint("families_post", "POST", "/api/rest/v1/families")
FAMILY_PATH = "/api/rest/v1/families/shoes"


def ok() -> httpx.Response:
    return httpx.Response(200, json={"code": "shoes"})


def get_family(client: Any, **kwargs: Any) -> Any:
    return client.fetch_json(GET_FAMILY, path_params={"code": "shoes"}, **kwargs)


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
def test_retryable_statuses_are_retried(
    make_client: Any, pim: Any, sleeps: list[float], status: int
) -> None:
    pim.add("GET", FAMILY_PATH, httpx.Response(status, json={"message": "later"}), ok())
    assert get_family(make_client()) == {"code": "shoes"}
    assert len(pim.calls("GET", FAMILY_PATH)) == 2
    assert len(sleeps) == 1


@pytest.mark.parametrize("status", [400, 403, 404, 409, 422, 501])
def test_other_statuses_are_not_retried(
    make_client: Any, pim: Any, sleeps: list[float], status: int
) -> None:
    pim.add("GET", FAMILY_PATH, httpx.Response(status, json={"message": "no"}), ok())
    with pytest.raises(Exception, match=str(status)):
        get_family(make_client())
    assert sleeps == []


def test_retry_after_seconds_is_honoured(make_client: Any, pim: Any, sleeps: list[float]) -> None:
    limited = httpx.Response(429, headers={"Retry-After": "7"}, json={"message": "slow down"})
    pim.add("GET", FAMILY_PATH, limited, ok())
    get_family(make_client())
    assert sleeps == [7.0]


def test_retry_after_http_date_is_honoured(make_client: Any, pim: Any, sleeps: list[float]) -> None:
    when = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    limited = httpx.Response(429, headers={"Retry-After": when}, json={"message": "slow down"})
    pim.add("GET", FAMILY_PATH, limited, ok())
    get_family(make_client())
    assert len(sleeps) == 1 and 25 <= sleeps[0] <= 30


def test_retry_after_beyond_the_cap_fails_at_once(
    make_client: Any, pim: Any, sleeps: list[float]
) -> None:
    # Retrying before the server's time would only be refused again: fail now, saying why.
    limited = httpx.Response(429, headers={"Retry-After": "3600"}, json={"message": "later"})
    pim.add("GET", FAMILY_PATH, limited, ok())
    with pytest.raises(RateLimitError, match=r"asked to wait 3600 s .*more than the 60 s"):
        get_family(make_client(timeout=None))
    assert sleeps == []
    assert len(pim.calls("GET", FAMILY_PATH)) == 1


def test_parse_retry_after() -> None:
    assert parse_retry_after("2.5") == 2.5
    assert parse_retry_after("-3") == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == 10.0


def test_backoff_grows_with_jitter(make_client: Any, pim: Any, sleeps: list[float]) -> None:
    pim.add("GET", FAMILY_PATH, httpx.Response(503, json={"message": "busy"}))
    with pytest.raises(InternalServerError):
        get_family(make_client())
    assert len(pim.calls("GET", FAMILY_PATH)) == 6  # one try + max_retries=5
    policy = RetryPolicy()
    ratios = []
    for number, delay in enumerate(sleeps):
        ceiling = min(policy.initial_delay * 2**number, policy.max_delay)
        assert 0.75 * ceiling <= delay <= ceiling
        ratios.append(delay / ceiling)
    # Jittered: the waits are not all at the ceiling (all five at 1.0 by chance: ~never).
    assert min(ratios) < 1.0 and len(set(ratios)) > 1


def test_backoff_jitter_follows_the_random_source() -> None:
    policy = RetryPolicy()
    for number in range(8):
        ceiling = min(policy.initial_delay * 2**number, policy.max_delay)
        assert policy.backoff(number, rand=lambda: 0.0) == ceiling
        assert policy.backoff(number, rand=lambda: 1.0) == 0.75 * ceiling
        assert policy.backoff(number, rand=lambda: 0.5) == 0.875 * ceiling
    samples = [policy.backoff(3) for _ in range(200)]  # the default source is random
    assert all(3.0 <= delay <= 4.0 for delay in samples)
    assert len(set(samples)) > 100 and min(samples) < 3.5 < max(samples)


def test_the_retry_policy_is_one_client_setting(
    make_client: Any, pim: Any, sleeps: list[float]
) -> None:
    """Built once from the client's settings and used by every call, not rebuilt per call."""
    client = make_client(max_retry_time=7.0)
    assert client._retry_policy == RetryPolicy(max_retry_time=7.0)
    assert client.with_options(max_retry_time=9.0)._retry_policy.max_retry_time == 9.0
    client._retry_policy = RetryPolicy(initial_delay=3.0, max_delay=3.0)
    pim.add(
        "GET", FAMILY_PATH, httpx.Response(503), httpx.Response(503), httpx.Response(200, json={})
    )
    get_family(client)
    get_family(client)
    assert len(sleeps) == 2 and all(2.25 <= delay <= 3.0 for delay in sleeps)
    assert "max_retries" not in RetryPolicy.__dataclass_fields__  # the client's setting counts


def test_max_retries_bounds_the_attempts(make_client: Any, pim: Any, sleeps: list[float]) -> None:
    pim.add("GET", FAMILY_PATH, httpx.Response(500, json={"message": "boom"}))
    with pytest.raises(InternalServerError):
        get_family(make_client(max_retries=2))
    assert len(pim.calls("GET", FAMILY_PATH)) == 3


def test_max_retries_zero_disables_retries(make_client: Any, pim: Any, sleeps: list[float]) -> None:
    pim.add("GET", FAMILY_PATH, httpx.Response(429, json={"message": "slow"}))
    with pytest.raises(RateLimitError):
        get_family(make_client(max_retries=0))
    assert len(pim.calls("GET", FAMILY_PATH)) == 1
    assert sleeps == []


def test_per_call_max_retries(make_client: Any, pim: Any, sleeps: list[float]) -> None:
    pim.add("GET", FAMILY_PATH, httpx.Response(500, json={"message": "boom"}))
    with pytest.raises(InternalServerError):
        get_family(make_client(), options=RequestOptions(max_retries=1))
    assert len(pim.calls("GET", FAMILY_PATH)) == 2


def test_total_retry_time_is_bounded(make_client: Any, pim: Any, sleeps: list[float]) -> None:
    limited = httpx.Response(429, headers={"Retry-After": "50"}, json={"message": "later"})
    pim.add("GET", FAMILY_PATH, limited)
    with pytest.raises(RateLimitError) as info:
        get_family(make_client(max_retries=10, max_retry_time=120))
    assert sleeps == [50.0, 50.0]  # a third wait would pass 120 s
    assert info.value.retry_after == 50.0


def test_post_is_not_retried_on_500(make_client: Any, pim: Any, sleeps: list[float]) -> None:
    pim.add("POST", "/api/rest/v1/families", httpx.Response(500, json={"message": "boom"}))
    with pytest.raises(InternalServerError):
        make_client().write(POST_FAMILY, json={"code": "x"})
    assert len(pim.calls("POST", "/api/rest/v1/families")) == 1
    assert sleeps == []


def test_post_is_retried_on_429(make_client: Any, pim: Any, sleeps: list[float]) -> None:
    pim.add(
        "POST",
        "/api/rest/v1/families",
        httpx.Response(429, json={"message": "slow"}),
        httpx.Response(201, headers={"Location": "/api/rest/v1/families/x"}),
    )
    assert make_client().write(POST_FAMILY, json={"code": "x"}).code == "x"
    assert len(sleeps) == 1


def _failing_transport(pim: Any, error: Exception, path: str, failures: int) -> httpx.MockTransport:
    left = [failures]

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == path and left[0] > 0:
            left[0] -= 1
            raise error
        return pim.handle(request)

    return httpx.MockTransport(handler)


@pytest.mark.parametrize(
    "error",
    [httpx.ConnectError("refused"), httpx.ConnectTimeout("slow"), httpx.PoolTimeout("full")],
    ids=["ConnectError", "ConnectTimeout", "PoolTimeout"],
)
def test_connect_errors_are_retried_even_for_post(
    make_client: Any, pim: Any, sleeps: list[float], error: Exception
) -> None:
    """Failures before any byte left (_NOT_SENT_ERRORS): replaying a POST cannot create twice."""
    pim.add("POST", "/api/rest/v1/families", httpx.Response(201, headers={"Location": "/f/x"}))
    transport = _failing_transport(pim, error, "/api/rest/v1/families", failures=2)
    assert make_client(transport=transport).write(POST_FAMILY, json={"code": "x"}).created
    assert len(sleeps) == 2


def test_read_errors_are_not_retried_for_post(
    make_client: Any, pim: Any, sleeps: list[float]
) -> None:
    transport = _failing_transport(
        pim, httpx.ReadError("reset"), "/api/rest/v1/families", failures=1
    )
    with pytest.raises(APIConnectionError) as info:
        make_client(transport=transport).write(POST_FAMILY, json={"code": "x"})
    assert "POST https://pim.example.com/api/rest/v1/families (families_post)" in str(info.value)
    assert sleeps == []


def test_read_timeouts_are_retried_for_get_then_raised(
    make_client: Any, pim: Any, sleeps: list[float]
) -> None:
    transport = _failing_transport(pim, httpx.ReadTimeout("slow"), FAMILY_PATH, failures=100)
    with pytest.raises(APITimeoutError):
        get_family(make_client(transport=transport, max_retries=3))
    assert len(sleeps) == 3


def test_async_retries(make_async_client: Any, pim: Any, sleeps: list[float]) -> None:
    limited = httpx.Response(429, headers={"Retry-After": "2"}, json={"message": "slow"})
    pim.add("GET", FAMILY_PATH, limited, httpx.Response(502, text="bad gateway"), ok())

    async def main() -> Any:
        async with make_async_client() as client:
            return await client.fetch_json(GET_FAMILY, path_params={"code": "shoes"})

    assert asyncio.run(main()) == {"code": "shoes"}
    assert sleeps[0] == 2.0 and len(sleeps) == 2


def test_async_post_not_retried_on_503(
    make_async_client: Any, pim: Any, sleeps: list[float]
) -> None:
    pim.add("POST", "/api/rest/v1/families", httpx.Response(503, json={"message": "down"}))

    async def main() -> None:
        async with make_async_client() as client:
            await client.write(POST_FAMILY, json={"code": "x"})

    with pytest.raises(InternalServerError):
        asyncio.run(main())
    assert sleeps == []
