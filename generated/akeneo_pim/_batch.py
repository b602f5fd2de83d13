# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""Batch upserts (collection PATCH): chunking, line checks and matching results back to items.

Akeneo takes at most 100 items per request and at most 1,000,000 characters per NDJSON line, and
answers line by line: each item succeeds or fails on its own, whatever the HTTP status. The input is
consumed lazily (it may be a generator of millions of items) and one result is produced per item, in
input order, whether the item was refused before sending, answered by the server, or lost with its
whole chunk.
"""

from __future__ import annotations

import asyncio
import json
from collections import deque
from collections.abc import (
    AsyncIterable,
    AsyncIterator,
    Awaitable,
    Callable,
    Iterable,
    Iterator,
    Mapping,
    Sequence,
)
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Final, Literal, TypeAlias, overload

from pydantic import BaseModel

from ._errors import (
    AkeneoError,
    APIConnectionError,
    APIStatusError,
    AuthenticationError,
    ConfigurationError,
    InternalServerError,
    RateLimitError,
    ValidationErrorDetail,
)
from ._serialization import dumps_compact, to_body

__all__ = ["BatchError", "BatchItemResult", "BatchReport"]

BatchFormat = Literal["ndjson", "json_array"]
BatchItem: TypeAlias = Mapping[str, Any] | BaseModel
SyncBatchItems: TypeAlias = Iterable[BatchItem]
AsyncBatchItems: TypeAlias = Iterable[BatchItem] | AsyncIterable[BatchItem]
MAX_ITEMS_PER_REQUEST: Final = 100
MAX_LINE_CHARS: Final = 1_000_000
NDJSON_CONTENT_TYPE: Final = "application/vnd.akeneo.collection+json"
JSON_CONTENT_TYPE: Final = "application/json"


@dataclass(frozen=True, slots=True)
class BatchItemResult:
    """The outcome of one input item.

    `index` is its 0-based position in the input; `key` its code, identifier or uuid; `line` the
    server's 1-based line within the request (ndjson). `sent` is False when the item never left
    (refused before sending, or not sent after an earlier request failed); `error` then, or when its
    whole request failed, holds the exception.
    """

    index: int
    key: str | None
    status_code: int | None
    message: str | None = None
    errors: list[ValidationErrorDetail] = field(default_factory=list)
    line: int | None = None
    sent: bool = True
    error: AkeneoError | None = field(default=None, compare=False)
    raw: Mapping[str, Any] | None = field(default=None, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return self.error is None and self.status_code is not None and 200 <= self.status_code < 300

    @property
    def created(self) -> bool:
        return self.ok and self.status_code == 201


class BatchReport(Sequence[BatchItemResult]):
    """One `BatchItemResult` per input item, in input order."""

    def __init__(self, results: Sequence[BatchItemResult]) -> None:
        self._results = list(results)

    @overload
    def __getitem__(self, index: int) -> BatchItemResult: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[BatchItemResult]: ...

    def __getitem__(self, index: int | slice) -> BatchItemResult | Sequence[BatchItemResult]:
        return self._results[index]

    def __len__(self) -> int:
        return len(self._results)

    def __iter__(self) -> Iterator[BatchItemResult]:
        return iter(self._results)

    @property
    def ok(self) -> bool:
        """True when every item succeeded."""
        return all(result.ok for result in self._results)

    @property
    def failed(self) -> list[BatchItemResult]:
        return [result for result in self._results if not result.ok]

    @property
    def succeeded(self) -> list[BatchItemResult]:
        return [result for result in self._results if result.ok]

    def raise_for_errors(self) -> None:
        if not self.ok:
            raise BatchError(self)

    def __repr__(self) -> str:
        total = len(self._results)
        failed = sum(1 for result in self._results if not result.ok)
        return f"<BatchReport items={total} ok={total - failed} failed={failed}>"


class BatchError(AkeneoError):
    """Raised by `BatchReport.raise_for_errors()` when some items of a batch failed."""

    def __init__(self, report: BatchReport) -> None:
        self.report = report
        self.failed: Sequence[BatchItemResult] = report.failed
        shown = "; ".join(_describe_item(result) for result in self.failed[:5])
        more = f"; and {len(self.failed) - 5} more" if len(self.failed) > 5 else ""
        super().__init__(f"{len(self.failed)} of {len(report)} items failed: {shown}{more}")


def _describe_item(result: BatchItemResult) -> str:
    who = f" ({result.key})" if result.key is not None else ""
    status = f"{result.status_code} " if result.status_code is not None else ""
    message = result.message or "failed"
    return f"item {result.index}{who}: {status}{message}"


# ------------------------------------------------------------------------------------ planning


@dataclass(slots=True)
class _Entry:
    index: int
    key: str | None
    text: str


@dataclass(slots=True)
class Chunk:
    """Up to 100 serialised items sent in one request."""

    format: BatchFormat
    entries: list[_Entry] = field(default_factory=list)

    @property
    def content_type(self) -> str:
        return NDJSON_CONTENT_TYPE if self.format == "ndjson" else JSON_CONTENT_TYPE

    def body(self) -> bytes:
        texts = [entry.text for entry in self.entries]
        joined = "\n".join(texts) if self.format == "ndjson" else "[" + ",".join(texts) + "]"
        return joined.encode("utf-8")


def _item_dict(item: object) -> dict[str, Any]:
    if isinstance(item, BaseModel):
        body = to_body(item)
    elif isinstance(item, Mapping):
        body = to_body(dict(item))
    else:
        raise TypeError(f"a batch item must be a mapping or a model, not {type(item).__name__}")
    if not isinstance(body, dict):
        raise TypeError("a batch item must serialise to a JSON object")
    return body


class BatchPlanner:
    """Turns items, one at a time, into refused-item results and full chunks."""

    def __init__(self, *, key: str, format: BatchFormat, chunk_size: int = MAX_ITEMS_PER_REQUEST):
        if format not in ("ndjson", "json_array"):
            raise ValueError(f"unknown batch format {format!r}")
        if not 1 <= chunk_size <= MAX_ITEMS_PER_REQUEST:
            raise ValueError(f"chunk_size must be between 1 and {MAX_ITEMS_PER_REQUEST}")
        self.key = key
        self.format: BatchFormat = format
        self.chunk_size = chunk_size
        self._index = 0
        self._chunk = Chunk(format)

    def feed(self, item: object) -> list[BatchItemResult | Chunk]:
        index = self._index
        self._index += 1
        key: str | None = None
        try:
            data = _item_dict(item)
            raw_key = data.get(self.key)
            key = None if raw_key is None else str(raw_key)
            text = dumps_compact(data)
        except (TypeError, ValueError) as exc:
            return [refused(index, key, f"cannot be serialised to JSON: {exc}")]
        if self.format == "ndjson" and len(text) > MAX_LINE_CHARS:
            return [
                refused(
                    index,
                    key,
                    f"line of {len(text)} characters is over Akeneo's limit of {MAX_LINE_CHARS}; "
                    "not sent",
                )
            ]
        self._chunk.entries.append(_Entry(index, key, text))
        if len(self._chunk.entries) >= self.chunk_size:
            return [self._take()]
        return []

    def flush(self) -> list[BatchItemResult | Chunk]:
        return [self._take()] if self._chunk.entries else []

    def _take(self) -> Chunk:
        chunk, self._chunk = self._chunk, Chunk(self.format)
        return chunk


def refused(index: int, key: str | None, message: str) -> BatchItemResult:
    return BatchItemResult(
        index=index,
        key=key,
        status_code=None,
        message=message,
        sent=False,
        error=AkeneoError(f"item {index}{f' ({key})' if key else ''}: {message}"),
    )


# ------------------------------------------------------------------------------------ results


def _to_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


def _result(entry: _Entry, answer: Mapping[str, Any], line: int | None) -> BatchItemResult:
    message = answer.get("message")
    return BatchItemResult(
        index=entry.index,
        key=entry.key,
        status_code=_to_int(answer.get("status_code")),
        message=message if isinstance(message, str) else None,
        errors=ValidationErrorDetail.list_from(answer.get("errors")),
        line=line,
        raw=dict(answer),
    )


def _missing(entry: _Entry, line: int | None) -> BatchItemResult:
    return BatchItemResult(
        index=entry.index,
        key=entry.key,
        status_code=None,
        message="the server's answer has no result for this item",
        line=line,
    )


_KEY_FIELDS = ("code", "identifier", "uuid")


def _ndjson_answers(text: str) -> list[Mapping[str, Any]]:
    answers = []
    for raw_line in text.splitlines():
        if not raw_line.strip():
            continue  # blank and trailing lines are not results
        try:
            value = json.loads(raw_line)
        except ValueError:
            continue
        if isinstance(value, Mapping):
            answers.append(value)
    return answers


def chunk_results(chunk: Chunk, text: str) -> list[BatchItemResult]:
    """Match the server's per-item answers back to the chunk's entries."""
    entries = chunk.entries
    found: dict[int, BatchItemResult] = {}
    if chunk.format == "ndjson":
        unnumbered: list[Mapping[str, Any]] = []
        for answer in _ndjson_answers(text):
            line = _to_int(answer.get("line"))
            if line is not None and 1 <= line <= len(entries) and line - 1 not in found:
                found[line - 1] = _result(entries[line - 1], answer, line)
            else:
                unnumbered.append(answer)
        # Without a usable line number, fall back to the item's code, identifier or uuid.
        for answer in unnumbered:
            key = next((answer[k] for k in _KEY_FIELDS if answer.get(k) is not None), None)
            for i, entry in enumerate(entries):
                if i not in found and key is not None and entry.key == str(key):
                    found[i] = _result(entry, answer, None)
                    break
        return [found.get(i) or _missing(entry, i + 1) for i, entry in enumerate(entries)]

    try:
        decoded = json.loads(text) if text.strip() else []
    except ValueError:
        decoded = []
    answers = [a for a in decoded if isinstance(a, Mapping)] if isinstance(decoded, list) else []
    # By position when the code matches (the normal case), else by code among what is left.
    by_key: dict[str, list[int]] = {}
    for i, entry in enumerate(entries):
        if entry.key is not None:
            by_key.setdefault(entry.key, []).append(i)
    pending: list[Mapping[str, Any]] = []
    for position, answer in enumerate(answers):
        code = answer.get("code")
        code_text = None if code is None else str(code)
        matches_position = code_text is None or (
            position < len(entries) and code_text == entries[position].key
        )
        if position < len(entries) and position not in found and matches_position:
            found[position] = _result(entries[position], answer, None)
            continue
        pending.append(answer)
    for answer in pending:
        code = answer.get("code")
        for i in by_key.get("" if code is None else str(code), []):
            if i not in found:
                found[i] = _result(entries[i], answer, None)
                break
    return [found.get(i) or _missing(entry, None) for i, entry in enumerate(entries)]


def chunk_failed(chunk: Chunk, error: AkeneoError, *, sent: bool = True) -> list[BatchItemResult]:
    """Every item of a chunk whose request failed as a whole (or was never sent)."""
    status = error.status_code if isinstance(error, APIStatusError) else None
    prefix = "" if sent else "not sent: an earlier request failed: "
    return [
        BatchItemResult(
            index=entry.index,
            key=entry.key,
            status_code=status,
            message=prefix + str(error),
            errors=list(error.errors) if isinstance(error, APIStatusError) else [],
            sent=sent,
            error=error,
        )
        for entry in chunk.entries
    ]


def stops_batch(error: AkeneoError) -> bool:
    """Errors that will fail every later chunk too: stop sending and report the rest as not sent.

    Other errors (413, 422, 400...) concern one chunk's content, so later chunks still go.
    """
    return isinstance(
        error,
        APIConnectionError
        | AuthenticationError
        | InternalServerError
        | RateLimitError
        | ConfigurationError,
    )


class ReportBuilder:
    """Collects results that may arrive out of order (concurrent chunks) and sorts them by index."""

    def __init__(self) -> None:
        self._results: dict[int, BatchItemResult] = {}

    def add(self, results: Sequence[BatchItemResult]) -> None:
        for result in results:
            self._results[result.index] = result

    def build(self) -> BatchReport:
        return BatchReport([self._results[i] for i in sorted(self._results)])


class BatchStop:
    """The first error that will fail every later chunk too; later chunks are then not sent."""

    def __init__(self) -> None:
        self.error: AkeneoError | None = None

    def record(self, error: AkeneoError) -> None:
        if stops_batch(error) and self.error is None:
            self.error = error


# ------------------------------------------------------------------ sending (one per flavour)
# The client's upsert_many is written once (_client_async.py); how chunks run side by side is
# what really differs: tasks on the event loop, or a pool of threads. Both keep a bounded window
# of chunks in flight, so memory stays at `workers` chunks whatever the input.
Piece = BatchItemResult | Chunk


async def _pieces_of(planner: BatchPlanner, items: AsyncBatchItems) -> AsyncIterator[Piece]:
    if isinstance(items, AsyncIterable):
        async for item in items:
            for piece in planner.feed(item):
                yield piece
    else:
        for item in items:
            for piece in planner.feed(item):
                yield piece
    for piece in planner.flush():
        yield piece


async def send_chunks_in_tasks(
    planner: BatchPlanner,
    items: AsyncBatchItems,
    send: Callable[[Chunk], Awaitable[list[BatchItemResult]]],
    workers: int,
) -> BatchReport:
    """Every item's result; up to `workers` chunks are sent at once, each as a task."""
    report = ReportBuilder()
    pending: deque[asyncio.Future[list[BatchItemResult]]] = deque()
    try:
        async for piece in _pieces_of(planner, items):
            if isinstance(piece, BatchItemResult):
                report.add([piece])
            elif workers == 1:
                report.add(await send(piece))
            else:
                while len(pending) >= workers:
                    report.add(await pending.popleft())
                pending.append(asyncio.ensure_future(send(piece)))
        while pending:
            report.add(await pending.popleft())
    finally:
        for task in pending:
            task.cancel()
    return report.build()


def _planned(planner: BatchPlanner, items: SyncBatchItems) -> Iterator[Piece]:
    for item in items:
        yield from planner.feed(item)
    yield from planner.flush()


def send_chunks_in_threads(
    planner: BatchPlanner,
    items: SyncBatchItems,
    send: Callable[[Chunk], list[BatchItemResult]],
    workers: int,
) -> BatchReport:
    """Every item's result; up to `workers` chunks are sent at once, each by a pool thread."""
    report = ReportBuilder()
    if workers == 1:
        for piece in _planned(planner, items):
            report.add([piece] if isinstance(piece, BatchItemResult) else send(piece))
        return report.build()
    pending: deque[Future[list[BatchItemResult]]] = deque()
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="akeneo-batch") as pool:
        for piece in _planned(planner, items):
            if isinstance(piece, BatchItemResult):
                report.add([piece])
                continue
            while len(pending) >= workers:
                report.add(pending.popleft().result())
            pending.append(pool.submit(send, piece))
        while pending:
            report.add(pending.popleft().result())
    return report.build()
