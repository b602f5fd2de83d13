# Derived by akeneo-codegen from _client_async.py (unasync): edit that file, then make generate.
"""The client: one connection pool, tokens, retries, the concurrency limit.

Generated `Akeneo` / `AsyncAkeneo` subclass it and only add resource attributes. `_client_async.py`
is the source of both flavours, `_client_sync.py` is derived from it (CONTRACT.md, "Written once");
the I/O-free parts live in `_base.py`.
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from types import TracebackType
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel
from typing_extensions import Self

from ._auth_sync import SyncTokenManager
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
    BatchFormat,
    BatchItemResult,
    BatchPlanner,
    BatchReport,
    BatchStop,
    Chunk,
    ProgressCallback,
    ReportBuilder,
    ResultCallback,
    SyncBatchItems,
    chunk_failed,
    chunk_results,
    send_chunks_in_threads,
    split_after,
    total_of,
)
from ._endpoint import Endpoint
from ._errors import AkeneoError, PermissionDeniedError
from ._files import (
    CHUNK_SIZE,
    DownloadedFile,
    DownloadTarget,
    UploadPayload,
    downloaded,
    fallback_name,
    upload_code,
)
from ._flavours import SyncConsumer, SyncSemaphore, sync_sleep
from ._logging import log_request, log_retry
from ._pages import OnInvalid, search_after_unless_paged
from ._pagination_sync import SyncPaginator
from ._responses import decode_json, make_status_error, validate_list, validate_model
from ._results import WriteResult
from ._retry import RetryTracker
from ._types import DEFAULT_OPTIONS, FileInput, RequestOptions, Timeout
from ._urls import encode_query

__all__ = ["SyncAPIClient"]

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")  # page items: models, or plain values such as uuids


class SyncAPIClient(BaseClient):
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
        http_client: httpx.Client | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
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
        self._http = http_client or httpx.Client(transport=transport, timeout=self._timeout)
        self._limiter = SyncSemaphore(max_concurrency)
        self._auth = SyncTokenManager(
            credentials=self._credentials,
            access_token=self._access_token.get() if self._access_token else None,
            fetch=self._fetch_token,
        )

    # --------------------------------------------------------------------------- lifecycle
    def with_options(self, **changes: Any) -> Self:
        """A client of the same class with some settings changed.

        Unless the connection settings change, the copy shares the connection pool (and leaves it
        open on close), the token (refreshed once for both) and the concurrency limit.
        """
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

    def close(self) -> None:
        if self._owns_http:
            self._http.close()

    @property
    def is_closed(self) -> bool:
        return self._http.is_closed

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def login(self) -> None:
        """Authenticate now (password grant) instead of at the first call; no-op for App tokens."""
        self._auth.login()

    def _sleep(self, seconds: float) -> None:
        # One place to patch in tests so that retries do not really wait.
        sync_sleep(seconds)

    # ----------------------------------------------------------------------------- sending
    def _fetch_token(self, body: Mapping[str, str], basic: str) -> object:
        response = self._send(self._token_call(body, basic))
        return decode_json(response, "oauth_token")

    def _send_once(
        self,
        call: PreparedCall,
        request: httpx.Request,
        consume: SyncConsumer | None,
    ) -> httpx.Response:
        with self._limiter:
            started = time.perf_counter()
            try:
                response = self._http.send(request, stream=True)
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
                    consume(response)
                else:
                    response.read()
            finally:
                response.close()
            log_request(
                call.endpoint.operation_id,
                call.method,
                str(request.url),
                response.status_code,
                time.perf_counter() - started,
            )
            return response

    def _send(self, call: PreparedCall, consume: SyncConsumer | None = None) -> httpx.Response:
        tracker = RetryTracker(
            self._retry_policy, max_retries=call.max_retries, enabled=call.retryable
        )
        replayed = False
        while True:
            token = self._auth.token() if call.authenticated else None
            failure: AkeneoError | None = None
            try:
                with call.build(self._http, token) as request:
                    response = self._send_once(call, request, consume)
            except httpx.TransportError as exc:
                delay = tracker.after_error(call.method, exc)
                if delay is None:
                    if not call.is_token_call:
                        raise call.connection_error(exc) from exc
                    # Raised below, outside this block: neither __cause__ nor __context__ may
                    # lead to the httpx error, whose request holds the password.
                    failure = call.connection_error(exc)
                else:
                    log_retry(
                        call.endpoint.operation_id, call.method, call.url, type(exc).__name__, delay
                    )
                    self._sleep(delay)
                    continue
            if failure is not None:
                raise failure
            if (
                response.status_code == 401
                and token is not None
                and not replayed
                and self._auth.can_renew
            ):
                # The token died early (revoked, server restart): renew once and replay, unless
                # the body cannot be sent again (an unseekable upload is consumed): then the 401
                # is raised, and the next call gets a new token.
                replayed = True
                self._auth.forget(token)
                if call.retryable:
                    continue
            if response.is_success:
                return response
            delay = tracker.after_status(call.method, response)
            if delay is None:
                raise make_status_error(
                    response,
                    operation_id=call.endpoint.operation_id,
                    keep_response=not call.is_token_call,
                )
            log_retry(
                call.endpoint.operation_id, call.method, call.url, str(response.status_code), delay
            )
            self._sleep(delay)

    # -------------------------------------------------------------- methods of the contract
    def fetch_json(
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
        return self._json(endpoint, path_params, query, json, form, options)

    def _json(
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
        return decode_json(self._send(call), endpoint.operation_id)

    def fetch_model(
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
        data = self._json(endpoint, path_params, query, json, None, options)
        return validate_model(cast_to, data, endpoint.operation_id)

    def fetch_list(
        self,
        endpoint: Endpoint,
        *,
        cast_to: type[M],
        path_params: Mapping[str, object] | None = None,
        query: Mapping[str, object] | None = None,
        options: RequestOptions = DEFAULT_OPTIONS,
    ) -> list[M]:
        self._warn_deprecated(endpoint)
        data = self._json(endpoint, path_params, query, None, None, options)
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
    ) -> SyncPaginator[T]:
        """Lazy: nothing is sent until iteration. `start_url` resumes from a saved cursor. Not a
        coroutine: the paginator is returned at once.

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
        self._prepare(endpoint, options=options, path_params=path_params, query=query)

        def fetch(url: str | None) -> tuple[str, object]:
            call = self._prepare(
                endpoint, options=options, url=url, path_params=path_params, query=query, json=json
            )
            response = self._send(call)
            return str(response.request.url), response.content  # parsed by the paginator

        return SyncPaginator(
            fetch,
            item_type=item_type,
            resolve=self._resolve,
            start_url=start_url,
            operation_id=endpoint.operation_id,
            on_invalid=on_invalid,
            prefetch=prefetch,
        )

    def write(
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
        return WriteResult.from_response(self._send(call))

    def delete(
        self,
        endpoint: Endpoint,
        *,
        path_params: Mapping[str, object] | None = None,
        query: Mapping[str, object] | None = None,
        options: RequestOptions = DEFAULT_OPTIONS,
    ) -> None:
        self._warn_deprecated(endpoint)
        call = self._prepare(endpoint, options=options, path_params=path_params, query=query)
        self._send(call)

    def upsert_many(
        self,
        endpoint: Endpoint,
        items: SyncBatchItems,
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

        def send(chunk: Chunk, split_403: bool = True) -> list[BatchItemResult]:
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
                response = self._send(call)
            except AkeneoError as exc:
                halves = split_after(chunk, exc, split_403=split_403)
                if halves is None:
                    stop.record(exc)
                    return chunk_failed(chunk, exc)
                # Too large: each half on its own, one after the other (403: only once).
                results: list[BatchItemResult] = []
                for half in halves:
                    more_403 = split_403 and not isinstance(exc, PermissionDeniedError)
                    results.extend(send(half, more_403))
                return results
            return chunk_results(chunk, response.text)

        workers = max(1, min(concurrency, self._max_concurrency))
        report = ReportBuilder(on_result=on_result, on_progress=on_progress, total=total_of(items))
        return send_chunks_in_threads(planner, items, send, workers, report)

    def upload(
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
        return upload_code(self._send(call), call.path, code_header)

    def upload_to(
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
        return WriteResult.from_response(self._send(call))

    def download(
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
        if to is None:
            return downloaded(self._send(call), None)
        target = DownloadTarget(to, fallback_name=fallback_name(call.path))

        def save(response: httpx.Response) -> None:
            with target.receive(response) as write:
                for chunk in response.iter_bytes(CHUNK_SIZE):
                    write(chunk)

        response = self._send(call, consume=save)
        return downloaded(response, target)

    def request(
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
        return self._send(call)
