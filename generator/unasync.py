"""Derive the sync runtime from the async one (the unasync approach of httpcore).

Each `templates/runtime/_<name>_async.py` is the source of `_<name>_sync.py`: the `async` and
`await` keywords are dropped; every name of `RENAMES` becomes its sync twin in code, strings and
comments alike, and every `_<name>_async` module becomes `_<name>_sync` in code; the names of each
`from ... import` are put back in isort's order, a loop that only re-yields becomes `yield from`,
and black formats the result. Text is otherwise copied, so it must hold for both flavours.
The derived file is committed: `generate` rewrites it, `check` fails when it differs.
"""

from __future__ import annotations

import io
import re
import token
import tokenize
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import black

from .format import MODE

SOURCE_SUFFIX: Final = "_async.py"
DERIVED_SUFFIX: Final = "_sync.py"

# Async name -> its sync twin. Our own flavour-specific names live in templates/runtime/_flavours.py
# and _batch.py; a test fails on an entry the runtime no longer uses.
RENAMES: Final[Mapping[str, str]] = {
    "AsyncAPIClient": "SyncAPIClient",
    "AsyncAhead": "SyncAhead",
    "AsyncBaseTransport": "BaseTransport",  # httpx
    "AsyncBatchItems": "SyncBatchItems",
    "AsyncClient": "Client",  # httpx
    "AsyncConsumer": "SyncConsumer",
    "AsyncIterator": "Iterator",
    "AsyncLock": "SyncLock",
    "AsyncPageFetcher": "SyncPageFetcher",
    "AsyncPaginator": "SyncPaginator",
    "AsyncSemaphore": "SyncSemaphore",
    "AsyncStructure": "SyncStructure",
    "AsyncTokenFetcher": "SyncTokenFetcher",
    "AsyncTokenManager": "SyncTokenManager",
    "__aenter__": "__enter__",
    "__aexit__": "__exit__",
    "__aiter__": "__iter__",
    "aclose": "close",
    "aiter_raw": "iter_raw",
    "async_sleep": "sync_sleep",
    "async_within": "sync_within",
    "send_chunks_in_tasks": "send_chunks_in_threads",
}
_KEYWORDS = frozenset({"async", "await"})
# A name of the async flavour left in derived code: it has no sync twin in RENAMES.
_ASYNC_NAME = re.compile(
    r"^(Async[A-Z_]\w*|async_\w+|a(iter|read|close|write)\w*|__a(enter|exit|iter|next)__)$"
)
# Async code must loop to re-yield (`for item in items: yield item`); sync code says `yield from`.
_YIELD_LOOP = re.compile(r"^( *)for (\w+) in (.+):\n\1    yield \2\n", re.MULTILINE)
_TEXT_TOKENS = frozenset({token.STRING, token.COMMENT, getattr(token, "FSTRING_MIDDLE", -1)})


class UnasyncError(Exception):
    """The source uses an async name that has no sync twin, or cannot be read."""


@dataclass(frozen=True)
class Pair:
    """One source file and the file derived from it."""

    source: Path
    derived: Path


def header(source_name: str) -> str:
    return (
        f"# Derived by akeneo-codegen from {source_name} (unasync): "
        "edit that file, then make generate."
    )


def pairs(runtime: Path) -> list[Pair]:
    sources = sorted(runtime.glob(f"*{SOURCE_SUFFIX}"))
    return [
        Pair(path, path.with_name(path.name[: -len(SOURCE_SUFFIX)] + DERIVED_SUFFIX))
        for path in sources
    ]


def derive(
    source: str,
    source_name: str,
    renames: Mapping[str, str],
    modules: Mapping[str, str] | None = None,
) -> str:
    """The sync module of `source`. `renames` maps each async name to its sync twin, in code and
    text; `modules` each async module to its sync one, in code only (a docstring may name both)."""
    in_code = {**renames, **(modules or {})}
    lines = source.splitlines(keepends=True)
    if not lines or not lines[0].startswith("#"):
        raise UnasyncError(f"{source_name}: the first line must be the runtime's header comment")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    tokens = _tokens(source, source_name)
    edits: list[tuple[int, int, str]] = []
    for index, tok in enumerate(tokens):
        begin = starts[tok.start[0] - 1] + tok.start[1]
        end = starts[tok.end[0] - 1] + tok.end[1]
        if tok.type == token.NAME and tok.string in _KEYWORDS:
            following = tokens[index + 1]
            if following.start[0] == tok.end[0]:  # drop the space after the keyword too
                end = starts[following.start[0] - 1] + following.start[1]
            edits.append((begin, end, ""))
        elif tok.type == token.NAME and tok.string in in_code:
            edits.append((begin, end, in_code[tok.string]))
        elif tok.type in _TEXT_TOKENS:
            text = _rename_words(tok.string, renames)
            if text != tok.string:
                edits.append((begin, end, text))
    derived = _apply(source, edits)
    derived = _sort_imported_names(derived, source_name)
    derived = _YIELD_LOOP.sub(r"\1yield from \3\n", derived)
    _check_no_async_left(derived, source_name)
    derived = header(source_name) + "\n" + derived.split("\n", 1)[1]
    # Shorter lines may now fit on one: formatted as the rest of the runtime is (ruff format).
    return black.format_str(derived, mode=MODE)


def modules_for(runtime: Path) -> dict[str, str]:
    """Each source module (`_client_async`) to its derived one (`_client_sync`)."""
    return {pair.source.stem: pair.derived.stem for pair in pairs(runtime)}


def renames_for(runtime: Path) -> dict[str, str]:
    """Every name the transformation maps: RENAMES and the modules."""
    return {**RENAMES, **modules_for(runtime)}


def derived_files(runtime: Path) -> dict[Path, str]:
    """Each derived file's path and the text the transformation gives for it."""
    modules = modules_for(runtime)
    return {
        pair.derived: derive(pair.source.read_text("utf-8"), pair.source.name, RENAMES, modules)
        for pair in pairs(runtime)
    }


def write_derived(runtime: Path) -> list[str]:
    """Rewrite every derived file that differs from its source's transformation. Returns the
    problems (a source that cannot be transformed); nothing is written then."""
    try:
        derived = derived_files(runtime)
    except UnasyncError as error:
        return [str(error)]
    for path, text in derived.items():
        if not path.exists() or path.read_text("utf-8") != text:
            path.write_text(text, "utf-8")
    return []


def stale_derived(runtime: Path) -> list[str]:
    """One message per derived file that differs from (or lacks) its source's transformation."""
    try:
        derived = derived_files(runtime)
    except UnasyncError as error:
        return [str(error)]
    problems = []
    for path, text in derived.items():
        source = path.name.replace(DERIVED_SUFFIX, SOURCE_SUFFIX)
        if not path.exists():
            problems.append(f"{path} is missing: it is derived from {source}; run `make generate`")
        elif path.read_text("utf-8") != text:
            problems.append(
                f"{path} differs from what {source} gives (it is derived, unasync): make the "
                f"change in {source} instead, then run `make generate`, which rewrites {path.name}"
            )
    return problems


def _tokens(source: str, source_name: str) -> list[tokenize.TokenInfo]:
    try:
        return list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError) as error:
        raise UnasyncError(f"{source_name}: cannot be tokenized: {error}") from error


def _rename_words(text: str, renames: Mapping[str, str]) -> str:
    if not renames:
        return text
    pattern = (
        r"\b("
        + "|".join(re.escape(name) for name in sorted(renames, key=len, reverse=True))
        + r")\b"
    )
    return re.sub(pattern, lambda match: renames[match.group(1)], text)


def _apply(source: str, edits: list[tuple[int, int, str]]) -> str:
    parts: list[str] = []
    position = 0
    for begin, end, replacement in sorted(edits):
        parts.append(source[position:begin])
        parts.append(replacement)
        position = end
    parts.append(source[position:])
    return "".join(parts)


def _sort_imported_names(source: str, source_name: str) -> str:
    """Renamed names of a `from ... import` in isort's order again, each at a name's old place."""
    tokens = _tokens(source, source_name)
    lines = source.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    edits: list[tuple[int, int, str]] = []
    index = 0
    while index < len(tokens):
        tok = tokens[index]
        if tok.type == token.NAME and tok.string == "import" and _is_from_import(tokens, index):
            names: list[tokenize.TokenInfo] = []
            index += 1
            while tokens[index].type not in (token.NEWLINE, token.ENDMARKER):
                if tokens[index].type == token.NAME:
                    names.append(tokens[index])
                index += 1
            if any(name.string == "as" for name in names):
                continue  # aliases: left as written
            ordered = sorted((name.string for name in names), key=_isort_key)
            for name, new in zip(names, ordered, strict=True):
                begin = starts[name.start[0] - 1] + name.start[1]
                edits.append((begin, begin + len(name.string), new))
        index += 1
    return _apply(source, edits)


def _isort_key(name: str) -> tuple[int, str, str]:
    """Ruff's isort order inside one import: CONSTANTS, Classes, then the rest, case folded."""
    kind = 0 if len(name) > 1 and name.isupper() else 1 if name[0].isupper() else 2
    return (kind, name.lower(), name)


def _is_from_import(tokens: list[tokenize.TokenInfo], index: int) -> bool:
    back = index - 1
    while back >= 0 and tokens[back].type not in (token.NEWLINE, token.NL):
        if tokens[back].type == token.NAME and tokens[back].string == "from":
            return True
        back -= 1
    return False


def _check_no_async_left(derived: str, source_name: str) -> None:
    for tok in _tokens(derived, source_name):
        if tok.type == token.NAME and _ASYNC_NAME.match(tok.string):
            raise UnasyncError(
                f"{source_name}:{tok.start[0]}: `{tok.string}` has no sync twin: add it to RENAMES "
                "in generator/unasync.py, or move that code into templates/runtime/_flavours.py"
            )
