# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""Media files: building multipart uploads, reading the new code, streaming downloads to disk."""

from __future__ import annotations

import contextlib
import mimetypes
import os
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import httpx

from ._errors import DownloadError, FileToUploadNotFoundError, UnreadableLocationError
from ._serialization import dumps_compact, to_body
from ._types import FileInput

__all__ = ["DownloadedFile"]

CHUNK_SIZE = 64 * 1024


@dataclass(frozen=True, slots=True)
class DownloadedFile:
    """A downloaded file: on disk (`path`, `content` None) or in memory (`content`, `path` None)."""

    path: Path | None
    content: bytes | None
    filename: str | None
    content_type: str | None
    size: int


# ---------------------------------------------------------------------------------------- uploads

MultipartFiles = dict[str, tuple[str, Any, str]]


class UploadPayload:
    """The parts of one upload, rebuilt for each attempt (a retry must resend the whole file)."""

    def __init__(
        self,
        file: FileInput,
        filename: str | None,
        json_parts: Mapping[str, object] | None,
    ) -> None:
        self._file = file
        if isinstance(file, str | os.PathLike):
            path = Path(os.fspath(file))
            if not path.is_file():
                raise FileToUploadNotFoundError(f"no file to upload at {path}")
            self.filename = filename or path.name
            self.rewindable = True
        elif isinstance(file, bytes | bytearray | memoryview):
            self.filename = filename or "file"
            self.rewindable = True
        else:
            name = getattr(file, "name", None)
            default = os.path.basename(name) if isinstance(name, str) and name else "file"
            self.filename = filename or default
            # httpx rewinds a seekable file object to its start for each attempt, so the whole
            # file is sent and a retry resends it; without seek, only one attempt is possible.
            seekable = False
            with contextlib.suppress(AttributeError, OSError, ValueError):
                seekable = bool(file.seekable())
            self.rewindable = seekable
        self.content_type = mimetypes.guess_type(self.filename)[0] or "application/octet-stream"
        # Akeneo wants each extra part as a JSON *string*; a str is taken as already-written JSON.
        self.data: dict[str, str] = {
            name: value if isinstance(value, str) else dumps_compact(to_body(value))
            for name, value in (json_parts or {}).items()
            if value is not None
        }

    @contextlib.contextmanager
    def open(self) -> Iterator[MultipartFiles]:
        """The `files=` argument for httpx; a file opened from a path is closed on exit."""
        file = self._file
        if isinstance(file, str | os.PathLike):
            with open(os.fspath(file), "rb") as handle:
                yield {"file": (self.filename, handle, self.content_type)}
            return
        if isinstance(file, bytes | bytearray | memoryview):
            yield {"file": (self.filename, bytes(file), self.content_type)}
            return
        yield {"file": (self.filename, file, self.content_type)}


def upload_code(response: httpx.Response, collection_path: str, code_header: str | None) -> str:
    """The new file's code: from the code header when present, else from `Location`.

    Media codes hold slashes (`1/d/7/f/abc_shoe.jpg`), so the code is everything after the
    collection path in `Location`, not only its last segment.
    """
    value = response.headers.get(code_header) if code_header else None
    if value:
        return str(value)
    location = response.headers.get("location")

    def unreadable(why: str) -> UnreadableLocationError:
        return UnreadableLocationError(
            f"the upload to {response.request.url} succeeded ({response.status_code}) but {why}, "
            "so the new file code is unknown; the file was stored: do not upload it again",
            status_code=response.status_code,
            location=location,
        )

    if not location:
        raise unreadable("the answer has no Location header")
    try:
        raw_path = httpx.URL(location).raw_path.decode("ascii").split("?", 1)[0].rstrip("/")
    except (httpx.InvalidURL, UnicodeError):
        raise unreadable(f"its Location {location!r} is no URL") from None
    marker = collection_path.rstrip("/") + "/"
    position = raw_path.find(marker)
    if position < 0:
        raise unreadable(f"its Location {location!r} is not under {collection_path}")
    rest = raw_path[position + len(marker) :]
    # Some routes point at the download URL of the new file; the code is what precedes it.
    if rest.endswith("/download"):
        rest = rest[: -len("/download")]
    code = unquote(rest)
    if not code or any(part in ("", ".", "..") for part in code.split("/")):
        raise unreadable(f"its Location {location!r} names no file code")
    return code


# -------------------------------------------------------------------------------------- downloads


def filename_from_disposition(value: str | None) -> str | None:
    """The file name of a Content-Disposition header (RFC 6266, including `filename*=`)."""
    if not value:
        return None
    message = Message()
    message["content-disposition"] = value
    try:
        name = message.get_filename()
    except (ValueError, LookupError):  # a filename*= in an unknown charset
        return None
    if not name:
        return None
    # Never trust a server-provided name as a path.
    return safe_file_name(os.path.basename(name.replace("\\", "/")).strip())


def safe_file_name(name: str) -> str | None:
    """`name` when it can be a file name in a directory, else None: never `.`, `..`, empty, or
    holding a NUL or another control character."""
    if name in ("", ".", "..") or any(not char.isprintable() for char in name):
        return None
    return name


def media_type(response: httpx.Response) -> str | None:
    value = response.headers.get("content-type")
    return value.split(";", 1)[0].strip() or None if value else None


class DownloadTarget:
    """Where a streamed download goes. The body lands in a temporary file next to the target, which
    is renamed at the end: a failed download never leaves a truncated file under the final name."""

    def __init__(self, to: str | os.PathLike[str], fallback_name: str) -> None:
        self._to = Path(os.fspath(to))
        self._fallback = fallback_name
        self.path: Path | None = None
        self.size = 0

    def _final_path(self, response: httpx.Response) -> Path:
        if self._to.is_dir():
            name = filename_from_disposition(response.headers.get("content-disposition"))
            return self._to / (name or self._fallback)
        return self._to

    def _temp_for(self, response: httpx.Response) -> tuple[Path, Path]:
        final = self._final_path(response)
        try:
            final.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=final.parent, prefix=f".{final.name}.", suffix=".part")
        except OSError as exc:
            raise self._failed(final, exc) from None
        os.close(fd)
        return final, Path(temp)

    @staticmethod
    def _failed(final: Path, error: OSError) -> DownloadError:
        reason = error.strerror or type(error).__name__
        message = f"cannot save the download as {final}: {reason}"
        if error.errno is None:
            return DownloadError(message)
        return DownloadError(error.errno, message)

    def _finish(self, final: Path, temp: Path, size: int) -> None:
        os.replace(temp, final)
        self.path = final
        self.size = size

    @contextlib.contextmanager
    def receive(self, response: httpx.Response) -> Iterator[Callable[[bytes], None]]:
        """A writer of the body's chunks, in order; the file gets its final name when the block
        ends without an error, and is removed otherwise."""
        final, temp = self._temp_for(response)
        size = 0
        try:
            with temp.open("wb") as handle:

                def write(chunk: bytes) -> None:
                    nonlocal size
                    handle.write(chunk)
                    size += len(chunk)

                yield write
            self._finish(final, temp, size)
        except DownloadError:
            temp.unlink(missing_ok=True)
            raise
        except OSError as exc:
            temp.unlink(missing_ok=True)
            raise self._failed(final, exc) from None
        except BaseException:
            temp.unlink(missing_ok=True)
            raise


def fallback_name(path: str) -> str:
    """A file name when the server sends no Content-Disposition: the last segment of the path."""
    segments = [segment for segment in path.split("/") if segment and segment != "download"]
    name = os.path.basename(unquote(segments[-1])) if segments else ""
    return safe_file_name(name) or "download"


def downloaded(response: httpx.Response, target: DownloadTarget | None) -> DownloadedFile:
    filename = filename_from_disposition(response.headers.get("content-disposition"))
    if target is not None:
        return DownloadedFile(
            path=target.path,
            content=None,
            filename=filename,
            content_type=media_type(response),
            size=target.size,
        )
    content = response.content
    return DownloadedFile(
        path=None,
        content=content,
        filename=filename,
        content_type=media_type(response),
        size=len(content),
    )
