"""Turn names from the spec into valid, readable Python identifiers, and text into safe source.

The one place where keywords, leading digits, hyphens, dots, spaces and non-ASCII are handled.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata

# Attributes of pydantic's BaseModel that a field must not shadow, and TypedDict-unsafe names.
_MODEL_RESERVED = frozenset(
    {
        "construct",
        "copy",
        "dict",
        "from_orm",
        "json",
        "parse_file",
        "parse_obj",
        "parse_raw",
        "schema",
        "schema_json",
        "update_forward_refs",
        "validate",
    }
)
# The keywords of Python 3.10 to 3.13, fixed so the output does not depend on the Python that
# runs the generator. Soft keywords (`match`, `case`, `type`) are valid names and stay as they are.
HARD_KEYWORDS = frozenset(
    {
        "False",
        "None",
        "True",
        "and",
        "as",
        "assert",
        "async",
        "await",
        "break",
        "class",
        "continue",
        "def",
        "del",
        "elif",
        "else",
        "except",
        "finally",
        "for",
        "from",
        "global",
        "if",
        "import",
        "in",
        "is",
        "lambda",
        "nonlocal",
        "not",
        "or",
        "pass",
        "raise",
        "return",
        "try",
        "while",
        "with",
        "yield",
    }
)
# Parameter names every generated method already uses.
METHOD_RESERVED = frozenset(
    {
        "self",
        "timeout",
        "extra_headers",
        "extra_query",
        "body",
        "items",
        "concurrency",
        "file",
        "filename",
        "to",
    }
)

_WORD_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NOT_WORD = re.compile(r"[^0-9a-zA-Z]+")


def _ascii_words(name: str) -> list[str]:
    """Split on anything that is not a letter or digit, after folding accents to ASCII."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    spaced = _WORD_BOUNDARY.sub(" ", folded)
    return [word for word in _NOT_WORD.split(spaced) if word]


def _fallback(name: str) -> str:
    """A stable ASCII stand-in for a name with no ASCII letters or digits at all."""
    return "u" + "_".join(f"{ord(ch):x}" for ch in name) if name else "empty"


def snake_case(name: str) -> str:
    """`attributeCode` -> `attribute_code`, `Product [uuid]` -> `product_uuid`, `3d` -> `n3d`."""
    words = _ascii_words(name) or [_fallback(name)]
    result = "_".join(word.lower() for word in words)
    if result[0].isdigit():
        result = "n" + result
    if result in HARD_KEYWORDS:
        result += "_"
    return result


def field_name(name: str) -> str:
    """A field name: snake_case, never shadowing BaseModel nor starting with `model_`."""
    result = snake_case(name)
    if result in _MODEL_RESERVED or result.startswith("model_"):
        result += "_"
    return result


def parameter_name(name: str) -> str:
    """A method parameter name that cannot clash with the arguments every method has."""
    result = snake_case(name)
    if result in METHOD_RESERVED:
        result += "_"
    return result


def class_name(name: str) -> str:
    """`channel_update` -> `ChannelUpdate`; `ChannelUpdate` stays as it is."""
    words = _ascii_words(name) or [_fallback(name)]
    result = "".join(word[0].upper() + word[1:] for word in words)
    if result[0].isdigit():
        result = "N" + result
    if result in HARD_KEYWORDS:  # `None`, `True`, `False`
        result += "_"
    return result


def constant_name(name: str) -> str:
    """`get_channels__code_` -> `GET_CHANNELS_CODE`."""
    return snake_case(name).upper().rstrip("_")


DOC_WIDTH = 84  # docstrings sit at most 12 columns in, inside 100-column lines


def docstring(text: str, width: int = DOC_WIDTH) -> str:
    """Text that can sit between triple double quotes without ending them or being read as escapes,
    its paragraphs wrapped to `width` columns."""
    cleaned = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    cleaned = cleaned.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    cleaned = "".join(ch if ch == "\n" or ch.isprintable() else _escape(ch) for ch in cleaned)
    result = rewrap(cleaned.strip(), width)
    if result.endswith('"'):
        result += " "  # a quote right before the closing quotes would end the string early
    return result


def _escape(char: str) -> str:
    """The Python escape of a character that must not appear raw in source."""
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def indent_continuation(text: str, indent: str = "    ") -> str:
    """Indent every line but the first: for attribute docstrings, which black leaves as they are."""
    lines = text.split("\n")
    return "\n".join([lines[0], *(indent + line if line else line for line in lines[1:])])


def rewrap(text: str, width: int, indent: str = "") -> str:
    """Re-flow each blank-line separated paragraph to `width`; continuation lines get `indent`."""
    paragraphs = [" ".join(p.split()) for p in text.split("\n\n")]
    wrapped = [
        textwrap.fill(
            p,
            width=max(width, 20),
            subsequent_indent=indent,
            break_long_words=False,
            break_on_hyphens=False,
        )
        for p in paragraphs
        if p
    ]
    return "\n\n".join(wrapped)


def comment(text: str) -> str:
    """One line of text fit for a `#` comment."""
    return " ".join(text.split())


def py_literal(value: object, wrap: int | None = None) -> str:
    """A Python literal for a JSON value from the spec (str, int, float, bool, None, list, dict).

    With `wrap`, strings longer than that are split into parenthesised implicit concatenation, so
    black can fold deeply nested examples within the line length.
    """
    if isinstance(value, str):
        if wrap is not None and len(value) > wrap:
            chunks = [value[i : i + wrap] for i in range(0, len(value), wrap)]
            return "(" + " ".join(_string_literal(chunk) for chunk in chunks) + ")"
        return _string_literal(value)
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(py_literal(item, wrap) for item in value) + "]"
    if isinstance(value, dict):
        items = ", ".join(
            f"{py_literal(str(k), wrap)}: {py_literal(v, wrap)}" for k, v in value.items()
        )
        return "{" + items + "}"
    raise TypeError(f"not a JSON value: {value!r}")


def _string_literal(value: str) -> str:
    """A double-quoted literal, as black would print it, that round-trips any text."""
    escaped = value.encode("unicode_escape").decode("ascii").replace('"', '\\"')
    # unicode_escape leaves printable non-ASCII escaped; keep readable letters as they are
    readable = re.sub(
        r"\\\\|\\u([0-9a-f]{4})|\\U([0-9a-f]{8})|\\x([0-9a-f]{2})",
        _keep_printable,
        escaped,
    )
    return f'"{readable}"'


def _keep_printable(match: re.Match[str]) -> str:
    code = next((group for group in match.groups() if group), None)
    if code is None:  # an escaped backslash: leave the pair alone
        return match.group(0)
    char = chr(int(code, 16))
    if char.isprintable() and not char.isspace() and char not in "\"\\'":
        return char
    return match.group(0)


def isort_key(name: str) -> tuple[int, str]:
    """isort's order inside one import or `__all__`: CONSTANTS, Classes, then the rest."""
    if name.isupper():
        return (0, name)
    return (1 if name[0].isupper() else 2, name)


def wrapped_literal(value: str, width: int = 72) -> str:
    """A string literal, split into parenthesised implicit concatenation when it is long."""
    whole = py_literal(value)
    if len(whole) <= width:
        return whole
    chunks: list[str] = []
    current = ""
    for word in value.split(" "):
        candidate = f"{current} {word}" if current else word
        if current and len(py_literal(candidate)) > width:
            chunks.append(current + " ")
            current = word
        else:
            current = candidate
    chunks.append(current)
    return "(" + " ".join(py_literal(chunk) for chunk in chunks) + ")"
