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
from array import array
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
    Sized,
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
    PayloadTooLargeError,
    PermissionDeniedError,
    RateLimitError,
    UnexpectedResponseError,
    ValidationErrorDetail,
)
from ._json_encode import encode_body

__all__ = ["BatchError", "BatchInputError", "BatchItemResult", "BatchReport"]

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
    """One `BatchItemResult` per input item, in input order.

    Memory stays flat whatever the input: an item that succeeded plainly (2xx, no message) is
    kept as its status and line only, about 3 bytes, and read back as a result whose `key` is
    None (use `on_result=` to see each result, key included, as it arrives). Every other result
    is kept whole.
    """

    def __init__(self, results: Sequence[BatchItemResult] = ()) -> None:
        self._status = array("H")  # per index: the plain success's status, 0 when kept whole
        self._line = array("B")  # per index: its line within the request (0: none)
        self._kept: dict[int, BatchItemResult] = {}
        self._failures = 0
        for result in results:
            self._add(result)

    def _add(self, result: BatchItemResult) -> None:
        index = result.index
        if index >= len(self._status):
            grow = index + 1 - len(self._status)
            self._status.frombytes(bytes(grow * self._status.itemsize))
            self._line.frombytes(bytes(grow))
        plain = (
            result.ok
            and result.message is None
            and not result.errors
            and result.status_code is not None
            and (result.line is None or result.line < 256)
        )
        if index in self._kept or self._status[index]:
            raise ValueError(f"item {index} already has a result")
        if plain:
            self._status[index] = result.status_code or 0
            self._line[index] = result.line or 0
            return
        self._kept[index] = result
        if not result.ok:
            self._failures += 1

    @overload
    def __getitem__(self, index: int) -> BatchItemResult: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[BatchItemResult]: ...

    def __getitem__(self, index: int | slice) -> BatchItemResult | Sequence[BatchItemResult]:
        if isinstance(index, slice):
            return [self._at(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("batch report index out of range")
        return self._at(index)

    def _at(self, index: int) -> BatchItemResult:
        kept = self._kept.get(index)
        if kept is not None:
            return kept
        line = self._line[index]
        return BatchItemResult(
            index=index, key=None, status_code=self._status[index], line=line or None
        )

    def __len__(self) -> int:
        return len(self._status)

    def __iter__(self) -> Iterator[BatchItemResult]:
        return (self._at(index) for index in range(len(self)))

    @property
    def ok(self) -> bool:
        """True when every item succeeded."""
        return self._failures == 0

    @property
    def failed_count(self) -> int:
        return self._failures

    @property
    def ok_count(self) -> int:
        return len(self) - self._failures

    @property
    def failed(self) -> list[BatchItemResult]:
        return [self._kept[i] for i in sorted(self._kept) if not self._kept[i].ok]

    @property
    def succeeded(self) -> list[BatchItemResult]:
        return [result for result in self if result.ok]

    def raise_for_errors(self) -> None:
        if not self.ok:
            raise BatchError(self)

    def __repr__(self) -> str:
        total = len(self)
        return f"<BatchReport items={total} ok={total - self._failures} failed={self._failures}>"


class BatchError(AkeneoError):
    """Raised by `BatchReport.raise_for_errors()` when some items of a batch failed."""

    def __init__(self, report: BatchReport) -> None:
        self.report = report
        self.failed: Sequence[BatchItemResult] = report.failed
        shown = "; ".join(_describe_item(result) for result in self.failed[:5])
        more = f"; and {len(self.failed) - 5} more" if len(self.failed) > 5 else ""
        super().__init__(f"{len(self.failed)} of {len(report)} items failed: {shown}{more}")


class BatchInputError(AkeneoError):
    """The input iterable raised while a batch was being sent. `report` holds a result for every
    item read before that: the ones sent, and the ones read but not yet sent (reported as not
    sent). The input's own exception is the `__cause__`."""

    def __init__(self, report: BatchReport, error: BaseException) -> None:
        self.report = report
        super().__init__(
            f"the batch input raised {type(error).__name__}: {error}; {report.ok_count} of the "
            f"{len(report)} items read before it succeeded (see .report)"
        )


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
    data: bytes  # the item as UTF-8 JSON


@dataclass(slots=True)
class Chunk:
    """Up to 100 serialised items sent in one request."""

    format: BatchFormat
    entries: list[_Entry] = field(default_factory=list)

    @property
    def content_type(self) -> str:
        return NDJSON_CONTENT_TYPE if self.format == "ndjson" else JSON_CONTENT_TYPE

    def body(self) -> bytes:
        parts = [entry.data for entry in self.entries]
        return b"\n".join(parts) if self.format == "ndjson" else b"[" + b",".join(parts) + b"]"


def _item_dict(item: object) -> dict[str, Any]:
    # `_links` is stripped (and the item copied) by encode_body, so a plain dict is not copied here.
    if type(item) is dict:
        return item
    if isinstance(item, BaseModel):
        body = item.model_dump(mode="json", by_alias=True, exclude_unset=True)
    elif isinstance(item, Mapping):
        body = dict(item)
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
            encoded, chars = encode_body(data)
        except Exception as exc:  # whatever the item's own serialisers raise: this item fails
            return [refused(index, key, f"cannot be serialised to JSON: {exc}; not sent")]
        if self.format == "ndjson" and chars > MAX_LINE_CHARS:
            return [
                refused(
                    index,
                    key,
                    f"line of {chars} characters is over Akeneo's limit of {MAX_LINE_CHARS}; "
                    "not sent",
                )
            ]
        self._chunk.entries.append(_Entry(index, key, encoded))
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


def _twice(previous: BatchItemResult, answer: Mapping[str, Any]) -> BatchItemResult:
    """An item answered a second time: the same status changes nothing, another one means the
    server contradicted itself, and the item is not counted as done."""
    status = _to_int(answer.get("status_code"))
    if previous.error is not None or status == previous.status_code:
        return previous
    message = (
        f"the server answered this item twice, with statuses {previous.status_code} and {status}"
    )
    who = f" ({previous.key})" if previous.key else ""
    return BatchItemResult(
        index=previous.index,
        key=previous.key,
        status_code=None,
        message=message,
        line=previous.line,
        error=UnexpectedResponseError(f"item {previous.index}{who}: {message}"),
        raw=previous.raw,
    )


def _by_key(
    entries: list[_Entry], found: dict[int, BatchItemResult], answer: Mapping[str, Any]
) -> None:
    """Match an answer without a usable position by its code, identifier or uuid."""
    key = next((answer[k] for k in _KEY_FIELDS if answer.get(k) is not None), None)
    if key is None:
        return
    targets = [i for i, entry in enumerate(entries) if entry.key == str(key)]
    free = next((i for i in targets if i not in found), None)
    if free is not None:
        found[free] = _result(entries[free], answer, None)
    elif targets:
        found[targets[0]] = _twice(found[targets[0]], answer)


def chunk_results(chunk: Chunk, text: str) -> list[BatchItemResult]:
    """Match the server's per-item answers back to the chunk's entries."""
    entries = chunk.entries
    found: dict[int, BatchItemResult] = {}
    if chunk.format == "ndjson":
        unnumbered: list[Mapping[str, Any]] = []
        for answer in _ndjson_answers(text):
            line = _to_int(answer.get("line"))
            if line is None or not 1 <= line <= len(entries):
                unnumbered.append(answer)
            elif line - 1 in found:
                found[line - 1] = _twice(found[line - 1], answer)
            else:
                found[line - 1] = _result(entries[line - 1], answer, line)
        # Without a usable line number, fall back to the item's code, identifier or uuid.
        for answer in unnumbered:
            _by_key(entries, found, answer)
        return [found.get(i) or _missing(entry, i + 1) for i, entry in enumerate(entries)]

    try:
        decoded = json.loads(text) if text.strip() else []
    except ValueError:
        decoded = []
    answers = [a for a in decoded if isinstance(a, Mapping)] if isinstance(decoded, list) else []
    # By position when the code matches (the normal case), else by code among what is left.
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
        _by_key(entries, found, answer)
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


def split_after(chunk: Chunk, error: AkeneoError, *, split_403: bool) -> list[Chunk] | None:
    """The two halves to send instead of a chunk the server found too large, or None.

    413 means too large (too many items, or a line too long): halves, down to single items, so
    that an item too large alone fails alone. A 403 on a large body is most likely the platform's
    size limit rather than permissions (facts: api-updates §5): it is split once; a half refused
    with 403 again is a real permission error. Nothing was written by the refused request, so no
    item gets two results.
    """
    if len(chunk.entries) < 2:
        return None
    if isinstance(error, PayloadTooLargeError) or (
        split_403 and isinstance(error, PermissionDeniedError)
    ):
        middle = len(chunk.entries) // 2
        return [
            Chunk(chunk.format, chunk.entries[:middle]),
            Chunk(chunk.format, chunk.entries[middle:]),
        ]
    return None


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


ResultCallback: TypeAlias = Callable[[BatchItemResult], object]
ProgressCallback: TypeAlias = Callable[[int, int | None], object]


class ReportBuilder:
    """Collects results that may arrive out of order (concurrent chunks), hands each one to
    `on_result` as it arrives and reports progress (items done, total when the input has a
    length) after each batch of results."""

    def __init__(
        self,
        *,
        on_result: ResultCallback | None = None,
        on_progress: ProgressCallback | None = None,
        total: int | None = None,
    ) -> None:
        self._report = BatchReport()
        self._on_result = on_result
        self._on_progress = on_progress
        self._total = total
        self._done = 0

    def add(self, results: Sequence[BatchItemResult]) -> None:
        for result in results:
            self._report._add(result)
            if self._on_result is not None:
                self._on_result(result)
        self._done += len(results)
        if self._on_progress is not None and results:
            self._on_progress(self._done, self._total)

    def build(self) -> BatchReport:
        return self._report


def total_of(items: object) -> int | None:
    """The number of input items when the input knows it (a list, not a generator)."""
    if isinstance(items, Sized):
        try:
            return len(items)
        except TypeError:
            return None
    return None


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


class _InputRaised(Exception):
    """The caller's iterable raised (the planner itself never does: a bad item is refused)."""

    def __init__(self, error: Exception) -> None:
        self.error = error


async def _pieces_of(planner: BatchPlanner, items: AsyncBatchItems) -> AsyncIterator[Piece]:
    try:
        if isinstance(items, AsyncIterable):
            async for item in items:
                for piece in planner.feed(item):
                    yield piece
        else:
            for item in items:
                for piece in planner.feed(item):
                    yield piece
    except Exception as exc:
        raise _InputRaised(exc) from exc
    for piece in planner.flush():
        yield piece


def _input_failed(planner: BatchPlanner, report: ReportBuilder, error: Exception) -> None:
    """Every item read but not sent when the input raised gets its result; then raise."""
    for piece in planner.flush():
        if isinstance(piece, Chunk):
            report.add(chunk_failed(piece, AkeneoError(f"the input raised: {error}"), sent=False))
        else:
            report.add([piece])
    raise BatchInputError(report.build(), error) from error


async def send_chunks_in_tasks(
    planner: BatchPlanner,
    items: AsyncBatchItems,
    send: Callable[[Chunk], Awaitable[list[BatchItemResult]]],
    workers: int,
    report: ReportBuilder,
) -> BatchReport:
    """Every item's result; up to `workers` chunks are sent at once, each as a task."""
    pending: deque[asyncio.Future[list[BatchItemResult]]] = deque()
    try:
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
        except _InputRaised as raised:
            while pending:
                report.add(await pending.popleft())
            _input_failed(planner, report, raised.error)
        while pending:
            report.add(await pending.popleft())
    finally:
        for task in pending:
            task.cancel()
    return report.build()


def _planned(planner: BatchPlanner, items: SyncBatchItems) -> Iterator[Piece]:
    try:
        for item in items:
            yield from planner.feed(item)
    except Exception as exc:
        raise _InputRaised(exc) from exc
    yield from planner.flush()


def send_chunks_in_threads(
    planner: BatchPlanner,
    items: SyncBatchItems,
    send: Callable[[Chunk], list[BatchItemResult]],
    workers: int,
    report: ReportBuilder,
) -> BatchReport:
    """Every item's result; up to `workers` chunks are sent at once, each by a pool thread."""
    if workers == 1:
        try:
            for piece in _planned(planner, items):
                report.add([piece] if isinstance(piece, BatchItemResult) else send(piece))
        except _InputRaised as raised:
            _input_failed(planner, report, raised.error)
        return report.build()
    pending: deque[Future[list[BatchItemResult]]] = deque()
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="akeneo-batch") as pool:
        try:
            for piece in _planned(planner, items):
                if isinstance(piece, BatchItemResult):
                    report.add([piece])
                    continue
                while len(pending) >= workers:
                    report.add(pending.popleft().result())
                pending.append(pool.submit(send, piece))
        except _InputRaised as raised:
            while pending:
                report.add(pending.popleft().result())
            _input_failed(planner, report, raised.error)
        while pending:
            report.add(pending.popleft().result())
    return report.build()
