# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""Typed reads of product, product-model, asset and record values, by attribute type.

Akeneo sends values as `{attribute: [{"locale", "scope" (or "channel"), "data"}, ...]}` where the
shape of `data` depends on the attribute type. `Values` wraps such a mapping and decodes one value
when asked (never the whole product), so listing stays as cheap as reading the raw JSON:

    Values(product.values).metric("weight")                    # Metric(amount=Decimal("0.5"), ...)
    Values(product.values).text("name", locale="fr_BE", fallback=("fr_FR", "en_US"))

A value that carries `attribute_type` (SaaS) is checked against the accessor; `read()` decodes by
that type, or by the `types` map given (e.g. `akeneo.structure.attribute_types()`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Final, Literal

from ._errors import ValueShapeError

__all__ = [
    "Metric",
    "Price",
    "ProductLink",
    "ValueData",
    "Values",
]


@dataclass(frozen=True, slots=True)
class Metric:
    """A `pim_catalog_metric` value: amount, unit code and (SaaS) the unit's symbol."""

    amount: Decimal
    unit: str
    symbol: str | None = None


@dataclass(frozen=True, slots=True)
class Price:
    """One price of a `pim_catalog_price_collection` value; `amount` is None when not filled."""

    amount: Decimal | None
    currency: str


@dataclass(frozen=True, slots=True)
class ProductLink:
    """A `pim_catalog_product_link` value: a product by uuid (`id`) or identifier, or a model."""

    type: Literal["product", "product_model"]
    id: str | None = None
    identifier: str | None = None


ValueData = (
    str
    | Decimal
    | bool
    | datetime.date
    | Metric
    | list[Price]
    | list[str]
    | ProductLink
    | list[dict[str, Any]]
    | None
)
"""What `Values.read` gives, depending on the attribute type."""

# Attribute types (product, asset and record ones) by the accessor that reads them.
TEXT_TYPES: Final = frozenset(
    {"pim_catalog_identifier", "pim_catalog_text", "pim_catalog_textarea", "text"}
)
NUMBER_TYPES: Final = frozenset({"pim_catalog_number", "number"})
BOOLEAN_TYPES: Final = frozenset({"pim_catalog_boolean", "boolean"})
DATE_TYPES: Final = frozenset({"pim_catalog_date", "date"})
METRIC_TYPES: Final = frozenset({"pim_catalog_metric"})
PRICE_TYPES: Final = frozenset({"pim_catalog_price_collection", "pim_catalog_price"})
OPTION_TYPES: Final = frozenset(
    {
        "pim_catalog_simpleselect",
        "pim_reference_data_simpleselect",
        "pim_catalog_reference_data_simpleselect",
        "pim_catalog_reference_data_simple_select",
        "akeneo_reference_entity",
        "single_option",
        "record",
        "reference_entity_single_link",
    }
)
OPTIONS_TYPES: Final = frozenset(
    {
        "pim_catalog_multiselect",
        "pim_reference_data_multiselect",
        "pim_catalog_reference_data_multiselect",
        "pim_catalog_reference_data_multi_select",
        "akeneo_reference_entity_collection",
        "pim_catalog_asset_collection",
        "pim_assets_collection",
        "multiple_options",
        "reference_entity_multiple_links",
        "asset_collection",
        "auto_tagging",
    }
)
MEDIA_TYPES: Final = frozenset(
    {"pim_catalog_file", "pim_catalog_image", "media_file", "image", "media_link"}
)
PRODUCT_LINK_TYPES: Final = frozenset({"pim_catalog_product_link"})
TABLE_TYPES: Final = frozenset({"pim_catalog_table"})


class _Shape(Exception):
    """Raised by a decoder; turned into a ValueShapeError naming the value."""


def _get(entry: object, key: str) -> Any:
    # `type(...) is dict` first: decoded JSON is plain dicts, and an ABC check costs more
    if type(entry) is dict or isinstance(entry, Mapping):
        return entry.get(key)
    return getattr(entry, key, None)


def _scope_of(entry: object) -> Any:
    # Product values say `scope`, asset and record values `channel`.
    if type(entry) is dict or isinstance(entry, Mapping):
        return entry["scope"] if "scope" in entry else entry.get("channel")
    scope = getattr(entry, "scope", None)
    return scope if scope is not None else getattr(entry, "channel", None)


def _decimal(raw: object) -> Decimal:
    if isinstance(raw, bool) or not isinstance(raw, int | float | str | Decimal):
        raise _Shape(f"expected a number or a decimal string, got {raw!r}")
    try:
        return Decimal(str(raw)) if isinstance(raw, float) else Decimal(raw)
    except InvalidOperation:
        raise _Shape(f"expected a number or a decimal string, got {raw!r}") from None


def _text(data: object) -> str:
    if not isinstance(data, str):
        raise _Shape(f"expected a string, got {data!r}")
    return data


def _boolean(data: object) -> bool:
    if not isinstance(data, bool):
        raise _Shape(f"expected true or false, got {data!r}")
    return data


def _date(data: object) -> datetime.date:
    text = _text(data)
    try:
        if len(text) == 10:
            return datetime.date.fromisoformat(text)
        # "2024-05-01T00:00:00+00:00"; Python 3.10 does not read a final "Z"
        return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        raise _Shape(f"expected an ISO-8601 date, got {data!r}") from None


def _metric(data: object) -> Metric | None:
    if (
        not (type(data) is dict or isinstance(data, Mapping))
        or "amount" not in data
        or ("unit" not in data)
    ):
        raise _Shape(f"expected {{'amount': ..., 'unit': ...}}, got {data!r}")
    if data["amount"] is None:
        return None
    unit, symbol = data["unit"], data.get("symbol")
    if not isinstance(unit, str) or not (symbol is None or isinstance(symbol, str)):
        raise _Shape(f"expected a unit code, got {data!r}")
    return Metric(_decimal(data["amount"]), unit, symbol)


def _prices(data: object) -> list[Price]:
    if not isinstance(data, list):
        raise _Shape(f"expected a list of prices, got {data!r}")
    prices = []
    for item in data:
        if not isinstance(item, Mapping) or not isinstance(item.get("currency"), str):
            raise _Shape(f"expected {{'amount': ..., 'currency': ...}}, got {item!r}")
        amount = item.get("amount")
        prices.append(Price(None if amount is None else _decimal(amount), item["currency"]))
    return prices


def _codes(data: object) -> list[str]:
    if not isinstance(data, list) or not all(isinstance(code, str) for code in data):
        raise _Shape(f"expected a list of codes, got {data!r}")
    return list(data)


def _product_link(data: object) -> ProductLink:
    kind = _get(data, "type") if isinstance(data, Mapping) else None
    if kind not in ("product", "product_model"):
        raise _Shape(f"expected {{'type': 'product' or 'product_model', ...}}, got {data!r}")
    assert isinstance(data, Mapping)  # for the type checker: checked just above
    return ProductLink(kind, data.get("id"), data.get("identifier"))


def _table(data: object) -> list[dict[str, Any]]:
    if not isinstance(data, list) or not all(isinstance(row, Mapping) for row in data):
        raise _Shape(f"expected a list of rows (column code -> cell), got {data!r}")
    return [dict(row) for row in data]


def _shape_error(message: str, attribute: str, entry: object) -> ValueShapeError:
    return ValueShapeError(
        message, attribute=attribute, locale=_get(entry, "locale"), scope=_scope_of(entry)
    )


# Which decoder reads each attribute type, for `read()`.
_DECODERS: Final[dict[str, Any]] = {
    **dict.fromkeys(TEXT_TYPES, _text),
    **dict.fromkeys(NUMBER_TYPES, _decimal),
    **dict.fromkeys(BOOLEAN_TYPES, _boolean),
    **dict.fromkeys(DATE_TYPES, _date),
    **dict.fromkeys(METRIC_TYPES, _metric),
    **dict.fromkeys(PRICE_TYPES, _prices),
    **dict.fromkeys(OPTION_TYPES, _text),
    **dict.fromkeys(OPTIONS_TYPES, _codes),
    **dict.fromkeys(MEDIA_TYPES, _text),
    **dict.fromkeys(PRODUCT_LINK_TYPES, _product_link),
    **dict.fromkeys(TABLE_TYPES, _table),
}


class Values:
    """A read view of one product's (model's, asset's, record's) values, decoded on access.

    Each accessor picks one value: the given `scope` (or a non-scopable value), then the `locale`,
    then each locale of `fallback` in turn, then a non-localizable value. None when there is no
    such value or its data is null. A value of another shape raises ValueShapeError.
    """

    __slots__ = ("_raw", "_types")

    def __init__(
        self,
        raw: Mapping[str, Sequence[object]] | None,
        *,
        types: Mapping[str, str] | None = None,
    ) -> None:
        self._raw: Mapping[str, Sequence[object]] = raw if raw is not None else {}
        self._types = types

    def __contains__(self, attribute: object) -> bool:
        return attribute in self._raw

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def attributes(self) -> list[str]:
        """The attribute codes that have values."""
        return list(self._raw)

    def entry(
        self,
        attribute: str,
        *,
        locale: str | None = None,
        scope: str | None = None,
        fallback: Sequence[str] = (),
    ) -> object | None:
        """The raw value the accessors would decode (with its locale, scope and data), or None."""
        entries = self._raw.get(attribute)
        if not entries:
            return None
        if locale is None and len(entries) == 1:  # the common case: one non-localizable value
            only = entries[0]
            only_scope = _scope_of(only)
            if _get(only, "locale") is None and (only_scope is None or only_scope == scope):
                return only
        if isinstance(fallback, str):  # a str is a Sequence[str] too: one locale, not letters
            fallback = (fallback,)
        wanted = [locale, *fallback] if locale is not None else []
        for code in (*wanted, None):
            exact = None
            for entry in entries:
                if _get(entry, "locale") != code:
                    continue
                entry_scope = _scope_of(entry)
                if entry_scope == scope:
                    return entry
                if entry_scope is None and exact is None:
                    exact = entry
            if exact is not None:
                return exact
        return None

    def _read(
        self,
        accessor: str,
        types: frozenset[str],
        decode: Any,
        attribute: str,
        locale: str | None,
        scope: str | None,
        fallback: Sequence[str],
    ) -> Any:
        entry = self.entry(attribute, locale=locale, scope=scope, fallback=fallback)
        if entry is None:
            return None
        attribute_type = _get(entry, "attribute_type")
        if attribute_type is None and self._types is not None:
            attribute_type = self._types.get(attribute)
        if attribute_type is not None and attribute_type not in types:
            message = f"a {attribute_type} attribute cannot be read with {accessor}()"
            raise _shape_error(message, attribute, entry)
        data = _get(entry, "data")
        if data is None:
            return None
        try:
            return decode(data)
        except _Shape as problem:
            raise _shape_error(str(problem), attribute, entry) from None

    def read(
        self,
        attribute: str,
        *,
        locale: str | None = None,
        scope: str | None = None,
        fallback: Sequence[str] = (),
    ) -> ValueData:
        """The value decoded by its attribute type: the value's own `attribute_type` (SaaS), else
        the `types` map this view was made with. Raises ValueShapeError when neither knows it."""
        entry = self.entry(attribute, locale=locale, scope=scope, fallback=fallback)
        if entry is None:
            return None
        attribute_type = _get(entry, "attribute_type")
        if attribute_type is None and self._types is not None:
            attribute_type = self._types.get(attribute)
        decode = _DECODERS.get(attribute_type) if isinstance(attribute_type, str) else None
        if decode is None:
            raise ValueShapeError(
                f"attribute type {attribute_type!r} is unknown here: pass "
                "types=akeneo.structure.attribute_types(), or use a typed accessor",
                attribute=attribute,
                locale=_get(entry, "locale"),
                scope=_scope_of(entry),
            )
        result: ValueData = self._read(
            "read", frozenset({attribute_type}), decode, attribute, locale, scope, fallback
        )
        return result

    def text(
        self,
        attribute: str,
        *,
        locale: str | None = None,
        scope: str | None = None,
        fallback: Sequence[str] = (),
    ) -> str | None:
        """Identifier, text and textarea attributes."""
        result: str | None = self._read(
            "text", TEXT_TYPES, _text, attribute, locale, scope, fallback
        )
        return result

    def number(
        self,
        attribute: str,
        *,
        locale: str | None = None,
        scope: str | None = None,
        fallback: Sequence[str] = (),
    ) -> Decimal | None:
        """Number attributes: integers and decimal strings alike, as a Decimal."""
        result: Decimal | None = self._read(
            "number", NUMBER_TYPES, _decimal, attribute, locale, scope, fallback
        )
        return result

    def boolean(
        self,
        attribute: str,
        *,
        locale: str | None = None,
        scope: str | None = None,
        fallback: Sequence[str] = (),
    ) -> bool | None:
        """Yes/no attributes."""
        result: bool | None = self._read(
            "boolean", BOOLEAN_TYPES, _boolean, attribute, locale, scope, fallback
        )
        return result

    def date(
        self,
        attribute: str,
        *,
        locale: str | None = None,
        scope: str | None = None,
        fallback: Sequence[str] = (),
    ) -> datetime.date | None:
        """Date attributes (sent as ISO-8601 text)."""
        result: datetime.date | None = self._read(
            "date", DATE_TYPES, _date, attribute, locale, scope, fallback
        )
        return result

    def metric(
        self,
        attribute: str,
        *,
        locale: str | None = None,
        scope: str | None = None,
        fallback: Sequence[str] = (),
    ) -> Metric | None:
        """Measurement attributes: amount, unit and symbol."""
        result: Metric | None = self._read(
            "metric", METRIC_TYPES, _metric, attribute, locale, scope, fallback
        )
        return result

    def prices(
        self,
        attribute: str,
        *,
        locale: str | None = None,
        scope: str | None = None,
        fallback: Sequence[str] = (),
    ) -> list[Price] | None:
        """Price collection attributes: one Price per currency."""
        result: list[Price] | None = self._read(
            "prices", PRICE_TYPES, _prices, attribute, locale, scope, fallback
        )
        return result

    def price(
        self,
        attribute: str,
        currency: str,
        *,
        locale: str | None = None,
        scope: str | None = None,
        fallback: Sequence[str] = (),
    ) -> Decimal | None:
        """The amount of one currency of a price collection attribute."""
        for price in self.prices(attribute, locale=locale, scope=scope, fallback=fallback) or ():
            if price.currency == currency:
                return price.amount
        return None

    def option(
        self,
        attribute: str,
        *,
        locale: str | None = None,
        scope: str | None = None,
        fallback: Sequence[str] = (),
    ) -> str | None:
        """Simple select, reference data simple select, reference entity (a record code), asset
        single option and record link attributes: one code."""
        result: str | None = self._read(
            "option", OPTION_TYPES, _text, attribute, locale, scope, fallback
        )
        return result

    def options(
        self,
        attribute: str,
        *,
        locale: str | None = None,
        scope: str | None = None,
        fallback: Sequence[str] = (),
    ) -> list[str] | None:
        """Multi select, reference data multi select, reference entity collection, asset
        collection, multiple options and auto tags: a list of codes."""
        result: list[str] | None = self._read(
            "options", OPTIONS_TYPES, _codes, attribute, locale, scope, fallback
        )
        return result

    def media(
        self,
        attribute: str,
        *,
        locale: str | None = None,
        scope: str | None = None,
        fallback: Sequence[str] = (),
    ) -> str | None:
        """File and image attributes (the media file code), asset media files and media links."""
        result: str | None = self._read(
            "media", MEDIA_TYPES, _text, attribute, locale, scope, fallback
        )
        return result

    def product_link(
        self,
        attribute: str,
        *,
        locale: str | None = None,
        scope: str | None = None,
        fallback: Sequence[str] = (),
    ) -> ProductLink | None:
        """Product link attributes (SaaS)."""
        result: ProductLink | None = self._read(
            "product_link", PRODUCT_LINK_TYPES, _product_link, attribute, locale, scope, fallback
        )
        return result

    def table(
        self,
        attribute: str,
        *,
        locale: str | None = None,
        scope: str | None = None,
        fallback: Sequence[str] = (),
    ) -> list[dict[str, Any]] | None:
        """Table attributes: the rows, each a mapping of column code to cell."""
        result: list[dict[str, Any]] | None = self._read(
            "table", TABLE_TYPES, _table, attribute, locale, scope, fallback
        )
        return result
