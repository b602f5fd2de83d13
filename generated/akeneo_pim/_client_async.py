# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""The client: one connection pool, tokens, retries, the concurrency limit.

Generated `Akeneo` / `AsyncAkeneo` subclass it and only add resource attributes. `_client_async.py`
is the source of both flavours, `_client_sync.py` is derived from it (CONTRACT.md, "Written once");
the I/O-free parts live in `_base.py`.
"""

from __future__ import annotations

import os
import time
from collections.abc import AsyncIterator, Mapping
from types import TracebackType
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel
from typing_extensions import Self

from ._auth import TokenGrant
from ._auth_async import AsyncTokenManager
from ._base import (
    AUTH_OPTION_NAMES,
    DEFAULT_MAX_CONCURRENCY,
    DEFAULT_MAX_RETRIES,
    DEFAULT_MAX_RETRY_TIME,
    DEFAULT_TIMEOUT,
    BaseClient,
    PreparedCall,
)
from ._batch import (
    AsyncBatchItems,
    BatchFormat,
    BatchItemResult,
    BatchPlanner,
    BatchReport,
    BatchStop,
    Chunk,
    ProgressCallback,
    ReportBuilder,
    ResultCallback,
    chunk_failed,
    chunk_results,
    send_chunks_in_tasks,
    split_after,
    total_of,
)
from ._deadline import Deadline
from ._endpoint import Endpoint
from ._errors import AkeneoError, APIStatusError, PermissionDeniedError
from ._files import (
    DownloadedFile,
    DownloadTarget,
    UploadPayload,
    downloaded,
    fallback_name,
    upload_code,
)
from ._flavours import AsyncConsumer, AsyncSemaphore, async_sleep, async_within
from ._inflate import BoundedInflater, UnsupportedEncoding
from ._logging import log_request, log_retry
from ._pages import OnInvalid, search_after_unless_paged
from ._pagination_async import AsyncPaginator
from ._post_search import MAX_URL_BYTES, PostSearch, no_post_search, url_bytes
from ._responses import decode_json, make_status_error, validate_list, validate_model
from ._results import WriteResult
from ._retry import RetryTracker
from ._secrets import Secret
from ._types import DEFAULT_OPTIONS, NOT_GIVEN, FileInput, NotGiven, RequestOptions, Timeout
from ._urls import encode_query

__all__ = ["AsyncAPIClient"]

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")  # page items: models, or plain values such as uuids


class AsyncAPIClient(BaseClient):
    """The client: one connection pool, tokens, retries, the concurrency limit.

    Safe to share: threads (blocking client) or tasks share the pool, the token and the limit.
    """

    def __init__(
        self,
        *,
        base_url: str | None = None,
        client_id: str | None = None,
        secret: str | None = None,
        username: str | None = None,
        password: str | None = None,
        access_token: str | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        max_concurrency: int = DEFAULT_MAX_CONCURRENCY,
        max_retry_time: float = DEFAULT_MAX_RETRY_TIME,
        http_client: httpx.AsyncClient | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        """Connect to one PIM; nothing is sent until the first call.

        Args:
            base_url: The PIM's address, e.g. `https://pim.example.com` (a pasted `/api/rest/v1`
                suffix is dropped). Default: the environment variable AKENEO_BASE_URL; required.
            client_id: The connection's client id (env AKENEO_CLIENT_ID).
            secret: The connection's secret (env AKENEO_SECRET).
            username: The connection user's name (env AKENEO_USERNAME).
            password: The connection user's password (env AKENEO_PASSWORD). The four credentials go
                together: some but not all of them raise ConfigurationError.
            access_token: An App token (it never expires and has no refresh), used instead of the
                four credentials.
            timeout: Seconds per request, an `httpx.Timeout`, or None for no limit. Default 60.
            max_retries: Retries of a failed request (408, 429, 5xx, connection errors), with
                exponential backoff and Retry-After honoured. Default 5; 0 turns retries off.
            max_concurrency: Requests in flight at once, shared by every thread or task using this
                client. Default 4, Akeneo's guideline per connection.
            max_retry_time: Seconds after which a request is no longer retried. Default 120.
            http_client: Your own httpx client (proxies, certificates); it is left open by close().
            transport: An httpx transport for the client's own httpx client (tests, mocks); not
                together with http_client.

        Raises:
            ConfigurationError: no base URL, incomplete credentials, or a setting out of range.
        """
        super().__init__(
            base_url=base_url,
            client_id=client_id,
            secret=secret,
            username=username,
            password=password,
            access_token=access_token,
            timeout=timeout,
            max_retries=max_retries,
            max_retry_time=max_retry_time,
            max_concurrency=max_concurrency,
        )
        if http_client is not None and transport is not None:
            raise TypeError("pass http_client or transport, not both")
        # A caller-provided httpx client stays the caller's: close() leaves it open.
        self._owns_http = http_client is None
        # httpx's default pool size: the limiter below, not the pool, caps requests in flight, and a
        # with_options() copy raising max_concurrency shares this pool.
        self._http = http_client or httpx.AsyncClient(transport=transport, timeout=self._timeout)
        self._limiter = AsyncSemaphore(max_concurrency)
        self._auth = AsyncTokenManager(
            credentials=self._credentials,
            access_token=self._access_token.get() if self._access_token else None,
            fetch=self._fetch_token,
            scrubber=self._scrubber,
        )

    # --------------------------------------------------------------------------- lifecycle
    def with_options(
        self,
        *,
        base_url: str | NotGiven = NOT_GIVEN,
        client_id: str | NotGiven | None = NOT_GIVEN,
        secret: str | NotGiven | None = NOT_GIVEN,
        username: str | NotGiven | None = NOT_GIVEN,
        password: str | NotGiven | None = NOT_GIVEN,
        access_token: str | NotGiven | None = NOT_GIVEN,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        max_concurrency: int | NotGiven = NOT_GIVEN,
        max_retry_time: float | NotGiven = NOT_GIVEN,
        http_client: httpx.AsyncClient | NotGiven | None = NOT_GIVEN,
        transport: httpx.AsyncBaseTransport | NotGiven | None = NOT_GIVEN,
    ) -> Self:
        """A client of the same class with some settings changed (the arguments of `__init__`).

        Unless the connection settings change, the copy shares the connection pool (and leaves it
        open on close), the token (refreshed once for both) and the concurrency limit.
        """
        given = {
            "base_url": base_url,
            "client_id": client_id,
            "secret": secret,
            "username": username,
            "password": password,
            "access_token": access_token,
            "timeout": timeout,
            "max_retries": max_retries,
            "max_concurrency": max_concurrency,
            "max_retry_time": max_retry_time,
            "http_client": http_client,
            "transport": transport,
        }
        changes = {name: value for name, value in given.items() if value is not NOT_GIVEN}
        self._check_option_names(changes)
        settings = self._settings()
        settings.update(changes)
        share_pool = "http_client" not in changes and "transport" not in changes
        if share_pool:
            settings["http_client"] = self._http
        derived = type(self)(**settings)
        if not AUTH_OPTION_NAMES & set(changes):
            derived._auth = self._auth
        if "max_concurrency" not in changes:
            derived._limiter = self._limiter
        return derived

    async def aclose(self) -> None:
        if self._owns_http:
            await self._http.aclose()

    @property
    def is_closed(self) -> bool:
        return self._http.is_closed

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def login(self) -> None:
        """Authenticate now (password grant) instead of at the first call; no-op for App tokens."""
        await self._auth.login()

    async def _sleep(self, seconds: float) -> None:
        # One place to patch in tests so that retries do not really wait.
        await async_sleep(seconds)

    # ----------------------------------------------------------------------------- sending
    async def _fetch_token(self, grant: TokenGrant) -> object:
        response = await self._send(self._token_call(grant))
        return decode_json(response, "oauth_token", self._scrubber)

    async def _pieces(
        self, call: PreparedCall, response: httpx.Response, deadline: Deadline
    ) -> AsyncIterator[bytes]:
        """The decoded body in pieces of bounded size (`_inflate.py`), the deadline checked
        between network reads. Downloads (`max_body` None) are not cut by the deadline: a large
        file may take longer than any budget; each read still has its read timeout."""
        try:
            ready = response.content  # read already: an in-memory transport (tests, mocks)
        except httpx.ResponseNotRead:
            pass
        else:
            if ready:
                yield ready
            return
        try:
            inflater = BoundedInflater(response.headers.get("content-encoding"))
        except UnsupportedEncoding as exc:
            raise call.unexpected(response, str(exc)) from None
        bounded = call.max_body is not None
        async for raw in response.aiter_raw():
            try:
                for piece in inflater.feed(raw):
                    yield piece
            except UnsupportedEncoding as exc:
                raise call.unexpected(response, str(exc)) from None
            if bounded and deadline.expired:
                raise httpx.ReadTimeout("the deadline passed while the answer was arriving")
        try:
            for piece in inflater.flush():
                yield piece
        except UnsupportedEncoding as exc:
            raise call.unexpected(response, str(exc)) from None

    async def _read(
        self, call: PreparedCall, response: httpx.Response, deadline: Deadline
    ) -> httpx.Response:
        """The answer with its body read, inflated and bounded by `call.max_body`."""
        parts: list[bytes] = []
        size = 0
        async for piece in self._pieces(call, response, deadline):
            size += len(piece)
            if call.max_body is not None and size > call.max_body:
                raise call.too_large(response)
            parts.append(piece)
        return call.read_response(response, b"".join(parts))

    async def _exchange(
        self,
        call: PreparedCall,
        token: Secret | None,
        consume: AsyncConsumer | None,
        deadline: Deadline,
    ) -> httpx.Response:
        """One request and its answer, read whole (or handed to `consume`)."""
        started = time.perf_counter()
        with call.build(self._http, token, deadline) as request:
            try:
                # Never follow a redirect, whatever the caller's httpx client says: it would send
                # the token (or the password body) on to wherever the Location points.
                response = await self._http.send(request, stream=True, follow_redirects=False)
            except httpx.TransportError as exc:
                elapsed = time.perf_counter() - started
                log_request(
                    call.endpoint.operation_id,
                    call.method,
                    str(request.url),
                    type(exc).__name__,
                    elapsed,
                )
                raise
            try:
                if consume is not None and response.is_success:
                    await consume(response, self._pieces(call, response, deadline))
                else:
                    response = await self._read(call, response, deadline)
            finally:
                await response.aclose()
            log_request(
                call.endpoint.operation_id,
                call.method,
                str(request.url),
                response.status_code,
                time.perf_counter() - started,
            )
            return response

    async def _attempt(
        self,
        call: PreparedCall,
        consume: AsyncConsumer | None,
        deadline: Deadline,
        may_renew: bool,
    ) -> tuple[Secret | None, httpx.Response, bool]:
        """One attempt, within a concurrency slot: the token it sent last, the answer, and
        whether the token was renewed after a 401 (then the request was replayed once)."""
        if call.is_token_call:
            # Sent from within the slot of the call that needs the token: a slot of its own
            # would deadlock at max_concurrency=1 and exceed the limit otherwise.
            deadline.start()
            return None, await self._exchange(call, None, consume, deadline), False
        async with self._limiter:
            # The budget covers the call's own work, not its place in the queue for a slot.
            deadline.start()
            if deadline.expired:
                raise httpx.PoolTimeout("the deadline passed while waiting for a free slot")
            # The token is taken now, not before the wait for a slot: after a revocation the
            # queued requests then leave with the renewed token, not with the dead one.
            token = await self._auth.token() if call.authenticated else None
            within = None if consume is not None or call.max_body is None else deadline
            exchange = self._exchange(call, token, consume, deadline)
            response = await async_within(within, exchange)
            if (
                may_renew
                and response.status_code == 401
                and token is not None
                and call.retryable
                and self._auth.can_renew
                and not deadline.expired
            ):
                # The token died early (revoked, server restart): renew once and replay at
                # once, in this slot, so the replay does not queue behind other requests.
                await self._auth.forget(token)
                token = await self._auth.token()
                exchange = self._exchange(call, token, consume, deadline)
                return token, await async_within(within, exchange), True
            return token, response, False

    async def _send(
        self, call: PreparedCall, consume: AsyncConsumer | None = None
    ) -> httpx.Response:
        deadline = call.deadline()
        tracker = RetryTracker(
            self._retry_policy,
            max_retries=call.max_retries,
            enabled=call.retryable,
            replayable=call.replayable,
            deadline=deadline,
        )
        replayed = False
        while True:
            failure: AkeneoError | None = None
            token: Secret | None = None
            try:
                token, response, renewed = await self._attempt(
                    call, consume, deadline, not replayed
                )
                replayed = replayed or renewed
            except httpx.TransportError as exc:
                delay = tracker.after_error(call.method, exc)
                if delay is None:
                    refusal = tracker.refusal
                    if refusal is None and deadline.expired:
                        refusal = f"this call's {deadline.describe()} has run out"
                    failure = call.connection_error(exc, self._scrubber, refusal)
                    if not call.is_token_call:
                        raise failure from exc
                    # Raised below, outside this block: neither __cause__ nor __context__ may
                    # lead to the httpx error, whose request holds the password.
                else:
                    log_retry(
                        call.endpoint.operation_id, call.method, call.url, type(exc).__name__, delay
                    )
                    await self._sleep(delay)
                    continue
            except httpx.HTTPError as exc:
                # Not a network failure (a stream already read, a decoding problem): not retried.
                failure = call.connection_error(exc, self._scrubber, None)
            if failure is not None:
                raise failure
            if (
                response.status_code == 401
                and token is not None
                and not replayed
                and self._auth.can_renew
            ):
                # Not replayed (an unseekable upload is consumed, or no time left): the 401 is
                # raised, and the next call gets a new token.
                replayed = True
                await self._auth.forget(token)
            if response.is_success:
                return response
            delay = tracker.after_status(call.method, response)
            if delay is None:
                raise make_status_error(
                    response,
                    operation_id=call.endpoint.operation_id,
                    keep_response=not call.is_token_call,
                    scrubber=self._scrubber,
                    detail=tracker.refusal,
                )
            log_retry(
                call.endpoint.operation_id, call.method, call.url, str(response.status_code), delay
            )
            await self._sleep(delay)

    # -------------------------------------------------------------- methods of the contract
    async def fetch_json(
        self,
        endpoint: Endpoint,
        *,
        path_params: Mapping[str, object] | None = None,
        query: Mapping[str, object] | None = None,
        json: object = None,
        form: Mapping[str, str] | None = None,
        options: RequestOptions = DEFAULT_OPTIONS,
    ) -> Any:
        self._warn_deprecated(endpoint)
        return await self._json(endpoint, path_params, query, json, form, options)

    async def _json(
        self,
        endpoint: Endpoint,
        path_params: Mapping[str, object] | None,
        query: Mapping[str, object] | None,
        json: object,
        form: Mapping[str, str] | None,
        options: RequestOptions,
    ) -> object:
        call = self._prepare(
            endpoint, options=options, path_params=path_params, query=query, json=json, form=form
        )
        return decode_json(await self._send(call), endpoint.operation_id, self._scrubber)

    async def fetch_model(
        self,
        endpoint: Endpoint,
        *,
        cast_to: type[M],
        path_params: Mapping[str, object] | None = None,
        query: Mapping[str, object] | None = None,
        json: object = None,
        options: RequestOptions = DEFAULT_OPTIONS,
    ) -> M:
        self._warn_deprecated(endpoint)
        data = await self._json(endpoint, path_params, query, json, None, options)
        return validate_model(cast_to, data, endpoint.operation_id)

    async def fetch_list(
        self,
        endpoint: Endpoint,
        *,
        cast_to: type[M],
        path_params: Mapping[str, object] | None = None,
        query: Mapping[str, object] | None = None,
        options: RequestOptions = DEFAULT_OPTIONS,
    ) -> list[M]:
        self._warn_deprecated(endpoint)
        data = await self._json(endpoint, path_params, query, None, None, options)
        return validate_list(cast_to, data, endpoint.operation_id)

    def paginate(
        self,
        endpoint: Endpoint,
        *,
        item_type: type[T],
        path_params: Mapping[str, object] | None = None,
        query: Mapping[str, object] | None = None,
        json: object = None,
        options: RequestOptions = DEFAULT_OPTIONS,
        start_url: str | None = None,
        prefer_search_after: bool = False,
        on_invalid: OnInvalid = "raise",
        prefetch: bool = True,
        post_search: Endpoint | None = None,
    ) -> AsyncPaginator[T]:
        """Lazy: nothing is sent until iteration. `start_url` resumes from a saved cursor. Not a
        coroutine: the paginator is returned at once.

        `post_search`: the list's POST twin (`_post_search.py`). A listing whose first URL would be
        longer than `MAX_URL_BYTES`, or that the server refuses with 414, is sent there instead,
        filters in the body; a cursor of such a listing resumes there too.

        For a search sent as a POST body, every page is requested with the same method and body;
        the link only adds the cursor. `prefer_search_after`: the endpoint has both modes, and
        search_after is asked for unless the query picks numbered pages. `on_invalid`: what to
        do with an item that does not fit `item_type` (raise, skip it, or deliver it raw).
        `prefetch`: fetch the next page while the caller works on the current one.
        """
        self._warn_deprecated(endpoint)
        if prefer_search_after:
            query = search_after_unless_paged(query)
        # Render the path now so that a missing parameter fails here, not during iteration.
        first = self._prepare(endpoint, options=options, path_params=path_params, query=query)
        length = url_bytes(first.url, first.params)
        as_post = None
        if post_search is not None and length > MAX_URL_BYTES:
            as_post = PostSearch(query, url_length=length)

        async def fetch_post(url: str | None, twin: Endpoint, body: PostSearch) -> httpx.Response:
            call = self._prepare(twin, options=options, url=url, query=body.query, json=body.body)
            try:
                return await self._send(call)
            except APIStatusError as exc:
                if exc.status_code in (404, 405):
                    raise no_post_search(twin.path, exc.status_code, body.url_length) from exc
                raise

        async def fetch(url: str | None) -> tuple[str, object]:
            nonlocal as_post
            twin = post_search
            if url is not None and twin is not None and as_post is None:
                resumed = httpx.URL(self._resolve(url)).path.endswith(twin.path)
                as_post = PostSearch(query, url_length=length) if resumed else None
            if twin is not None and as_post is not None:
                response = await fetch_post(url, twin, as_post)
            else:
                call = self._prepare(
                    endpoint,
                    options=options,
                    url=url,
                    path_params=path_params,
                    query=query,
                    json=json,
                )
                try:
                    response = await self._send(call)
                except APIStatusError as exc:
                    if twin is None or url is not None or exc.status_code != 414:
                        raise
                    as_post = PostSearch(query, url_length=length)
                    response = await fetch_post(url, twin, as_post)
            return str(response.request.url), response.content  # parsed by the paginator

        return AsyncPaginator(
            fetch,
            item_type=item_type,
            resolve=self._resolve,
            start_url=start_url,
            operation_id=endpoint.operation_id,
            on_invalid=on_invalid,
            prefetch=prefetch,
        )

    async def write(
        self,
        endpoint: Endpoint,
        *,
        path_params: Mapping[str, object] | None = None,
        query: Mapping[str, object] | None = None,
        json: object = None,
        options: RequestOptions = DEFAULT_OPTIONS,
    ) -> WriteResult:
        self._warn_deprecated(endpoint)
        call = self._prepare(
            endpoint, options=options, path_params=path_params, query=query, json=json
        )
        return WriteResult.from_response(await self._send(call))

    async def delete(
        self,
        endpoint: Endpoint,
        *,
        path_params: Mapping[str, object] | None = None,
        query: Mapping[str, object] | None = None,
        options: RequestOptions = DEFAULT_OPTIONS,
    ) -> None:
        self._warn_deprecated(endpoint)
        call = self._prepare(endpoint, options=options, path_params=path_params, query=query)
        await self._send(call)

    async def upsert_many(
        self,
        endpoint: Endpoint,
        items: AsyncBatchItems,
        *,
        key: str,
        format: BatchFormat = "ndjson",
        path_params: Mapping[str, object] | None = None,
        query: Mapping[str, object] | None = None,
        options: RequestOptions = DEFAULT_OPTIONS,
        concurrency: int = 1,
        on_result: ResultCallback | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> BatchReport:
        """Send `items` in chunks of at most 100; one result per item, in input order.

        Items are read lazily. A chunk whose request fails gets that error on each of its items and
        later chunks still go, except after an error that would fail them all too (connection lost,
        authentication refused, server errors or rate limit after retries): the remaining items are
        then read and reported as not sent. `concurrency` chunks may be in flight at once, capped
        by the client's max_concurrency. The async client also takes an async iterable.
        `on_result(result)` gets each item's result as it arrives, `on_progress(done, total)`
        the count so far after each chunk (total: None when the input has no length). When the
        input raises, BatchInputError carries the report of what was done.
        """
        self._warn_deprecated(endpoint)
        self._prepare(endpoint, options=options, path_params=path_params)  # fail fast on path
        planner = BatchPlanner(key=key, format=format)
        stop = BatchStop()

        async def send(chunk: Chunk, split_403: bool = True) -> list[BatchItemResult]:
            if stop.error is not None:
                return chunk_failed(chunk, stop.error, sent=False)
            call = self._prepare(
                endpoint,
                options=options,
                path_params=path_params,
                query=query,
                content=chunk.body(),
                content_type=chunk.content_type,
                accept=None if format == "ndjson" else "application/json",
            )
            try:
                response = await self._send(call)
            except AkeneoError as exc:
                halves = split_after(chunk, exc, split_403=split_403)
                if halves is None:
                    stop.record(exc)
                    return chunk_failed(chunk, exc)
                # Too large: each half on its own, one after the other (403: only once).
                results: list[BatchItemResult] = []
                for half in halves:
                    more_403 = split_403 and not isinstance(exc, PermissionDeniedError)
                    results.extend(await send(half, more_403))
                return results
            return chunk_results(chunk, response.text)

        workers = max(1, min(concurrency, self._max_concurrency))
        report = ReportBuilder(on_result=on_result, on_progress=on_progress, total=total_of(items))
        return await send_chunks_in_tasks(planner, items, send, workers, report)

    async def upload(
        self,
        endpoint: Endpoint,
        *,
        file: FileInput,
        filename: str | None = None,
        json_parts: Mapping[str, object] | None = None,
        path_params: Mapping[str, object] | None = None,
        code_header: str | None = None,
        options: RequestOptions = DEFAULT_OPTIONS,
    ) -> str:
        self._warn_deprecated(endpoint)
        payload = UploadPayload(file, filename, json_parts)
        call = self._prepare(endpoint, options=options, path_params=path_params, upload=payload)
        return upload_code(await self._send(call), call.path, code_header)

    async def upload_to(
        self,
        endpoint: Endpoint,
        *,
        file: FileInput,
        filename: str | None = None,
        json_parts: Mapping[str, object] | None = None,
        path_params: Mapping[str, object] | None = None,
        options: RequestOptions = DEFAULT_OPTIONS,
    ) -> WriteResult:
        """Attach a file to an existing resource (a PAM asset's reference or variation file): the
        answer names that resource, not a new file code, and may carry a JSON body of warnings."""
        self._warn_deprecated(endpoint)
        payload = UploadPayload(file, filename, json_parts)
        call = self._prepare(endpoint, options=options, path_params=path_params, upload=payload)
        return WriteResult.from_response(await self._send(call))

    async def download(
        self,
        endpoint: Endpoint,
        *,
        path_params: Mapping[str, object] | None = None,
        to: str | os.PathLike[str] | None = None,
        options: RequestOptions = DEFAULT_OPTIONS,
    ) -> DownloadedFile:
        """Bytes in memory, or streamed to `to` (a file path, or a directory: then the name comes
        from Content-Disposition). No Accept header: the answer is the file's own type."""
        self._warn_deprecated(endpoint)
        call = self._prepare(endpoint, options=options, path_params=path_params, accept=None)
        call.max_body = None  # a file: as large as it is, inflated piece by piece
        if to is None:
            return downloaded(await self._send(call), None)
        target = DownloadTarget(to, fallback_name=fallback_name(call.path))

        async def save(response: httpx.Response, pieces: AsyncIterator[bytes]) -> None:
            with target.receive(response) as write:
                async for piece in pieces:
                    write(piece)

        response = await self._send(call, consume=save)
        return downloaded(response, target)

    async def request(
        self,
        method: str,
        path: str,
        *,
        query: Mapping[str, object] | None = None,
        json: object = None,
        headers: Mapping[str, str] | None = None,
        options: RequestOptions = DEFAULT_OPTIONS,
        authenticated: bool = True,
    ) -> httpx.Response:
        """Escape hatch for routes the generated client lacks: `path` like `/api/rest/v1/...` or
        an absolute link on the same PIM. Same auth, retries and errors; returns the raw response.
        """
        endpoint = Endpoint(
            f"{method.upper()} {path}", method.upper(), "", authenticated=authenticated
        )
        call = self._prepare(
            endpoint, options=options, url=self._absolute(path), json=json, headers=headers
        )
        call.params = encode_query(query, options.extra_query)
        return await self._send(call)
