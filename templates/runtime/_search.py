# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""Builders for Akeneo's `search` query parameter (a JSON document passed as a string).

`Search` is the generic product-style builder (`{key: [condition, ...]}`); `ProductSearch` types
each product and product-model field with its own operators (facts.md §6); `RecordSearch` and
`AssetSearch` write the record and asset grammars, whose attribute conditions are single objects
and whose asset trees nest `and`/`or` (api-updates-2024-2026.md §4). Every builder checks its
operators and value shapes at run time too, raising SearchError before anything is sent.
"""

from __future__ import annotations

import copy
import datetime
import json
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, Final, Literal, TypeAlias, get_args, overload

from typing_extensions import Self

from ._errors import SearchError
from ._serialization import dumps_compact

__all__ = [
    "AssetCondition",
    "AssetSearch",
    "Operator",
    "ProductSearch",
    "RecordSearch",
    "Search",
    "SearchArg",
    "SearchBuilder",
    "serialize_search",
]

Operator: TypeAlias = Literal[
    "=",
    "!=",
    "<",
    "<=",
    ">",
    ">=",
    "IN",
    "NOT IN",
    "IN OR UNCLASSIFIED",
    "IN CHILDREN",
    "NOT IN CHILDREN",
    "UNCLASSIFIED",
    "EMPTY",
    "NOT EMPTY",
    "BETWEEN",
    "NOT BETWEEN",
    "SINCE LAST N DAYS",
    "STARTS WITH",
    "STARTS_WITH",  # the asset logical-operator page's spelling (unverified against the server)
    "ENDS WITH",
    "CONTAINS",
    "DOES NOT CONTAIN",
    "GREATER THAN ON ALL LOCALES",
    "GREATER OR EQUALS THAN ON ALL LOCALES",
    "LOWER THAN ON ALL LOCALES",
    "LOWER OR EQUALS THAN ON ALL LOCALES",
    "GREATER THAN ON AT LEAST ONE LOCALE",
    "GREATER OR EQUALS THAN ON AT LEAST ONE LOCALE",
    "LOWER THAN ON AT LEAST ONE LOCALE",
    "LOWER OR EQUALS THAN ON AT LEAST ONE LOCALE",
    "EQUALS ON AT LEAST ONE LOCALE",
    "NOT EQUALS ON AT LEAST ONE LOCALE",
    "ALL READY",
    "ALL UNREADY",
    "ALL COMPLETE",
    "ALL INCOMPLETE",
    "AT LEAST COMPLETE",
    "AT LEAST INCOMPLETE",
]
"""Every operator of Akeneo's search grammars; `Search.add` refuses any other."""

OPERATORS: Final = frozenset(get_args(Operator))
# Operators written without a value; the ones taking a list, and a pair.
NO_VALUE: Final = frozenset(
    {
        "EMPTY",
        "NOT EMPTY",
        "UNCLASSIFIED",
        "ALL READY",
        "ALL UNREADY",
        "ALL COMPLETE",
        "ALL INCOMPLETE",
        "AT LEAST COMPLETE",
        "AT LEAST INCOMPLETE",
    }
)
LIST_VALUE: Final = frozenset(
    {"IN", "NOT IN", "IN OR UNCLASSIFIED", "IN CHILDREN", "NOT IN CHILDREN"}
)
PAIR_VALUE: Final = frozenset({"BETWEEN", "NOT BETWEEN"})


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


_MISSING: Final = _Missing()


def check_condition(key: str, operator: str, value: object) -> None:
    """Refuse an unknown operator, or a value whose shape does not fit the operator."""
    if operator not in OPERATORS:
        raise SearchError(f"search on {key!r}: unknown operator {operator!r}")
    given = value is not _MISSING
    if operator in NO_VALUE and given:
        raise SearchError(f"search on {key!r}: {operator} takes no value")
    if operator not in NO_VALUE and not given:
        raise SearchError(f"search on {key!r}: {operator} needs a value")
    if operator in LIST_VALUE and (isinstance(value, str | bytes) or not _is_sequence(value)):
        raise SearchError(f"search on {key!r}: {operator} takes a list, not {value!r}")
    if operator in PAIR_VALUE and (
        isinstance(value, str | bytes) or not isinstance(value, Sequence) or len(value) != 2
    ):
        raise SearchError(f"search on {key!r}: {operator} takes two values, not {value!r}")


def _is_sequence(value: object) -> bool:
    return isinstance(value, Sequence | set | frozenset)


class SearchBuilder:
    """What every search builder is: JSON for the `search` parameter, compared by content."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        raise NotImplementedError

    def to_json(self) -> str:
        return dumps_compact(self.to_dict())

    def __str__(self) -> str:
        return self.to_json()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.to_dict()!r})"

    def __bool__(self) -> bool:
        return bool(self.to_dict())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, SearchBuilder):
            return self.to_dict() == other.to_dict()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.to_json())


class Search(SearchBuilder):
    """Filters keyed by property or attribute code; all filters are ANDed by the server.

    >>> Search().add("enabled", "=", True).add("completeness", ">", 70, scope="ecommerce")

    Each `add` returns a new `Search`, so a base filter can be shared and extended safely.
    Operators without a value (`EMPTY`, `NOT EMPTY`, `UNCLASSIFIED`) are written without `value`.
    """

    __slots__ = ("_filters",)

    def __init__(self, filters: Mapping[str, Sequence[Mapping[str, Any]]] | None = None) -> None:
        self._filters: dict[str, list[dict[str, Any]]] = {}
        for name, conditions in (filters or {}).items():
            self._filters[name] = [dict(condition) for condition in conditions]

    def add(
        self,
        property: str,
        operator: Operator,
        value: object = _MISSING,
        *,
        locale: str | None = None,
        scope: str | None = None,
        locales: Sequence[str] | None = None,
        channel: str | None = None,
        **extra: object,
    ) -> Self:
        """Return a copy with one more condition on `property`.

        `scope` is for products; records and assets call it `channel`. `locales` is needed by the
        completeness operators "... ON ALL LOCALES". Unknown keys go through `extra` as they are.
        """
        check_condition(property, operator, value)
        condition: dict[str, Any] = {"operator": operator}
        if value is not _MISSING:
            condition["value"] = list(value) if isinstance(value, tuple | set) else value
        if locale is not None:
            condition["locale"] = locale
        if scope is not None:
            condition["scope"] = scope
        if locales is not None:
            condition["locales"] = list(locales)
        if channel is not None:
            condition["channel"] = channel
        condition.update(extra)
        new = copy.copy(self)
        new._filters = copy.deepcopy(self._filters)
        new._filters.setdefault(property, []).append(condition)
        return new

    def to_dict(self) -> dict[str, list[dict[str, Any]]]:
        return copy.deepcopy(self._filters)

    def to_json(self) -> str:
        return dumps_compact(self._filters)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._filters!r})"

    def __bool__(self) -> bool:
        return bool(self._filters)


# ---------------------------------------------------------------------- products, product models
DateValue: TypeAlias = str | datetime.datetime | datetime.date
"""A date of a product filter: `"2024-01-01 00:00:00"`, or a datetime written that way."""
DatePair: TypeAlias = tuple[DateValue, DateValue]
Codes: TypeAlias = list[str] | tuple[str, ...]
"""Codes of an IN condition: a list or tuple (a bare string is refused, it is no list)."""
Scalar: TypeAlias = str | int | float | Decimal | bool | datetime.date | Mapping[str, object]
"""A compared value: text, number, boolean, date, or a metric/price `{amount, unit|currency}`."""
CodeOperator: TypeAlias = Literal["IN", "NOT IN"]
EmptyOperator: TypeAlias = Literal["EMPTY", "NOT EMPTY"]
TextOperator: TypeAlias = Literal["STARTS WITH", "CONTAINS", "DOES NOT CONTAIN"]
CompareOperator: TypeAlias = Literal["=", "!=", "<", "<=", ">", ">="]
RangeOperator: TypeAlias = Literal["BETWEEN", "NOT BETWEEN"]
DateOperator: TypeAlias = Literal["=", "!=", "<", ">"]
AllLocalesOperator: TypeAlias = Literal[
    "GREATER THAN ON ALL LOCALES",
    "GREATER OR EQUALS THAN ON ALL LOCALES",
    "LOWER THAN ON ALL LOCALES",
    "LOWER OR EQUALS THAN ON ALL LOCALES",
]
CategoryOperator: TypeAlias = Literal[
    "IN", "NOT IN", "IN OR UNCLASSIFIED", "IN CHILDREN", "NOT IN CHILDREN"
]
QualityScore: TypeAlias = Literal["A", "B", "C", "D", "E"]
LinkedType: TypeAlias = Literal["asset", "reference_entity_record"]
"""What `updated_including_linked_entities` follows (api-updates-2024-2026.md)."""
ModelCompletenessOperator: TypeAlias = Literal[
    "ALL COMPLETE", "ALL INCOMPLETE", "AT LEAST COMPLETE", "AT LEAST INCOMPLETE"
]
"""Completeness of a product model's variants (product-model searches), with no value."""
AtLeastOneLocaleOperator: TypeAlias = Literal[
    "GREATER THAN ON AT LEAST ONE LOCALE",
    "GREATER OR EQUALS THAN ON AT LEAST ONE LOCALE",
    "LOWER THAN ON AT LEAST ONE LOCALE",
    "LOWER OR EQUALS THAN ON AT LEAST ONE LOCALE",
    "EQUALS ON AT LEAST ONE LOCALE",
    "NOT EQUALS ON AT LEAST ONE LOCALE",
]


def _product_date(value: object) -> object:
    # Product filters take "YYYY-MM-DD hh:mm:ss", not ISO-8601's "T".
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, datetime.date):
        return value.strftime("%Y-%m-%d 00:00:00")
    return value


def _dates(value: object) -> object:
    if isinstance(value, tuple | list):
        return [_product_date(item) for item in value]
    return _product_date(value)


class ProductSearch(Search):
    """Product and product-model filters, each field with its own operators and value types.

    >>> ProductSearch().enabled(True).family("IN", ["shoes"]).updated("SINCE LAST N DAYS", 7)

    A misspelt operator or a value of the wrong shape fails the type check and raises
    SearchError at run time. Attribute filters take `locale`/`scope` when the attribute has them.
    """

    __slots__ = ()

    def enabled(self, value: bool, *, operator: Literal["=", "!="] = "=") -> ProductSearch:
        return self.add("enabled", operator, value)

    def uuid(self, operator: CodeOperator, uuids: Codes) -> ProductSearch:
        return self.add("uuid", operator, list(uuids))

    @overload
    def family(self, operator: EmptyOperator) -> ProductSearch: ...
    @overload
    def family(
        self,
        operator: Literal["IN", "NOT IN", "IN CHILDREN", "NOT IN CHILDREN"],
        codes: Codes,
    ) -> ProductSearch: ...
    def family(self, operator: Operator, codes: object = _MISSING) -> ProductSearch:
        return self.add("family", operator, _listed(codes))

    @overload
    def categories(self, operator: Literal["UNCLASSIFIED"]) -> ProductSearch: ...
    @overload
    def categories(self, operator: CategoryOperator, codes: Codes) -> ProductSearch: ...
    def categories(self, operator: Operator, codes: object = _MISSING) -> ProductSearch:
        return self.add("categories", operator, _listed(codes))

    @overload
    def groups(self, operator: EmptyOperator) -> ProductSearch: ...
    @overload
    def groups(self, operator: CodeOperator, codes: Codes) -> ProductSearch: ...
    def groups(self, operator: Operator, codes: object = _MISSING) -> ProductSearch:
        return self.add("groups", operator, _listed(codes))

    @overload
    def parent(self, operator: EmptyOperator) -> ProductSearch: ...
    @overload
    def parent(self, operator: Literal["="], code: str) -> ProductSearch: ...
    @overload
    def parent(self, operator: Literal["IN"], code: Codes) -> ProductSearch: ...
    def parent(self, operator: Operator, code: object = _MISSING) -> ProductSearch:
        return self.add("parent", operator, code if isinstance(code, str) else _listed(code))

    @overload
    def created(self, operator: DateOperator, value: DateValue) -> ProductSearch: ...
    @overload
    def created(self, operator: RangeOperator, value: DatePair) -> ProductSearch: ...
    @overload
    def created(self, operator: Literal["SINCE LAST N DAYS"], value: int) -> ProductSearch: ...
    def created(self, operator: Operator, value: object) -> ProductSearch:
        return self.add("created", operator, _dates(value))

    @overload
    def updated(self, operator: DateOperator, value: DateValue) -> ProductSearch: ...
    @overload
    def updated(self, operator: RangeOperator, value: DatePair) -> ProductSearch: ...
    @overload
    def updated(self, operator: Literal["SINCE LAST N DAYS"], value: int) -> ProductSearch: ...
    def updated(self, operator: Operator, value: object) -> ProductSearch:
        return self.add("updated", operator, _dates(value))

    @overload
    def completeness(
        self, operator: CompareOperator, value: int, *, scope: str
    ) -> ProductSearch: ...
    @overload
    def completeness(
        self, operator: AllLocalesOperator, value: int, *, scope: str, locales: Sequence[str]
    ) -> ProductSearch: ...
    def completeness(
        self, operator: Operator, value: int, *, scope: str, locales: Sequence[str] | None = None
    ) -> ProductSearch:
        if operator.endswith("ALL LOCALES") and not locales:
            raise SearchError(f"search on 'completeness': {operator} needs locales")
        return self.add("completeness", operator, value, scope=scope, locales=locales)

    @overload
    def updated_including_linked_entities(
        self, operator: DateOperator, value: DateValue, *, linked: Sequence[LinkedType] = ...
    ) -> ProductSearch: ...
    @overload
    def updated_including_linked_entities(
        self, operator: RangeOperator, value: DatePair, *, linked: Sequence[LinkedType] = ...
    ) -> ProductSearch: ...
    @overload
    def updated_including_linked_entities(
        self,
        operator: Literal["SINCE LAST N DAYS"],
        value: int,
        *,
        linked: Sequence[LinkedType] = ...,
    ) -> ProductSearch: ...
    def updated_including_linked_entities(
        self, operator: Operator, value: object, *, linked: Sequence[LinkedType] = ()
    ) -> ProductSearch:
        """Updated, counting updates of the linked assets and records (SaaS). `linked` narrows
        which linked entities count; it is sent as the companion `updated_including_linked_type`
        filter, which Akeneo takes only together with this one."""
        if operator not in get_args(DateOperator) + get_args(RangeOperator) + (
            "SINCE LAST N DAYS",
        ):
            raise SearchError(
                f"search on 'updated_including_linked_entities': unknown operator {operator!r}"
            )
        bad = [kind for kind in linked if kind not in get_args(LinkedType)]
        if bad or isinstance(linked, str):
            raise SearchError(
                "search on 'updated_including_linked_type': the linked types are 'asset' and "
                f"'reference_entity_record', not {bad or linked!r}"
            )
        found = self.add("updated_including_linked_entities", operator, _dates(value))
        if linked:
            found = found.add("updated_including_linked_type", "IN", list(linked))
        return found

    @overload
    def readiness(
        self, code: str, operator: CompareOperator, value: int, *, scope: str, locale: str
    ) -> ProductSearch: ...
    @overload
    def readiness(
        self,
        code: str,
        operator: Literal["BETWEEN"],
        value: tuple[int, int],
        *,
        scope: str,
        locale: str,
    ) -> ProductSearch: ...
    @overload
    def readiness(
        self, code: str, operator: EmptyOperator, *, scope: str, locale: str
    ) -> ProductSearch: ...
    @overload
    def readiness(
        self,
        code: str,
        operator: AllLocalesOperator | AtLeastOneLocaleOperator,
        value: int,
        *,
        scope: str,
        locales: Sequence[str],
    ) -> ProductSearch: ...
    def readiness(
        self,
        code: str,
        operator: Operator,
        value: object = _MISSING,
        *,
        scope: str,
        locale: str | None = None,
        locales: Sequence[str] | None = None,
    ) -> ProductSearch:
        """The score (0-100) of the readiness configuration `code` on `scope` (beta): one
        `locale`, or `locales` for the "ON ALL LOCALES" / "ON AT LEAST ONE LOCALE" operators."""
        several = operator.endswith(("ALL LOCALES", "AT LEAST ONE LOCALE"))
        known = get_args(CompareOperator) + get_args(EmptyOperator) + ("BETWEEN",)
        if not several and operator not in known:
            raise SearchError(f"search on 'readiness': unknown operator {operator!r}")
        if (several and not locales) or (not several and locale is None):
            wanted = "locales" if several else "locale"
            raise SearchError(f"search on 'readiness': {operator} needs {wanted}")
        scores = value if isinstance(value, tuple | list) else [value]
        if value is not _MISSING and not all(
            isinstance(s, int) and not isinstance(s, bool) and 0 <= s <= 100 for s in scores
        ):
            raise SearchError(f"search on 'readiness': scores are integers 0 to 100, not {value!r}")
        return self.add(
            "readiness",
            operator,
            value,
            locale=locale,
            locales=locales,
            scope=scope,
            readiness_code=code,
        )

    def readiness_by_channel(
        self,
        operator: Literal["ALL READY", "ALL UNREADY"],
        *,
        scope: str,
        locales: Sequence[str] | None = None,
    ) -> ProductSearch:
        """Products whose every readiness score is 100 on `scope` (and `locales`), or not (beta)."""
        if operator not in ("ALL READY", "ALL UNREADY"):
            raise SearchError(f"search on 'readiness_by_channel': unknown operator {operator!r}")
        return self.add("readiness_by_channel", operator, scope=scope, locales=locales)

    @overload
    def model_completeness(
        self, operator: ModelCompletenessOperator, *, scope: str, locale: str
    ) -> ProductSearch: ...
    @overload
    def model_completeness(
        self, operator: ModelCompletenessOperator, *, scope: str, locales: Sequence[str]
    ) -> ProductSearch: ...
    def model_completeness(
        self,
        operator: ModelCompletenessOperator,
        *,
        scope: str,
        locale: str | None = None,
        locales: Sequence[str] | None = None,
    ) -> ProductSearch:
        """Product models by the completeness of their variants (`completeness` key, no value):
        one `locale`, or several `locales`."""
        if operator not in get_args(ModelCompletenessOperator):
            raise SearchError(f"search on 'completeness': unknown operator {operator!r}")
        if (locale is None) == (locales is None):
            raise SearchError(f"search on 'completeness': {operator} needs locale or locales")
        return self.add("completeness", operator, scope=scope, locale=locale, locales=locales)

    def quality_score(
        self, scores: Sequence[QualityScore], *, scope: str, locale: str
    ) -> ProductSearch:
        bad = [score for score in scores if score not in get_args(QualityScore)]
        if bad:
            raise SearchError(f"search on 'quality_score': scores are A to E, not {bad}")
        return self.add("quality_score", "IN", list(scores), scope=scope, locale=locale)

    @overload
    def attribute(
        self,
        code: str,
        operator: EmptyOperator,
        *,
        locale: str | None = None,
        scope: str | None = None,
    ) -> ProductSearch: ...
    @overload
    def attribute(
        self,
        code: str,
        operator: CodeOperator,
        value: Codes | Sequence[Mapping[str, str]],
        *,
        locale: str | None = None,
        scope: str | None = None,
    ) -> ProductSearch: ...
    @overload
    def attribute(
        self,
        code: str,
        operator: TextOperator,
        value: str,
        *,
        locale: str | None = None,
        scope: str | None = None,
    ) -> ProductSearch: ...
    @overload
    def attribute(
        self,
        code: str,
        operator: CompareOperator,
        value: Scalar,
        *,
        locale: str | None = None,
        scope: str | None = None,
    ) -> ProductSearch: ...
    @overload
    def attribute(
        self,
        code: str,
        operator: RangeOperator,
        value: tuple[DateValue, DateValue],
        *,
        locale: str | None = None,
        scope: str | None = None,
    ) -> ProductSearch: ...
    def attribute(
        self,
        code: str,
        operator: Operator,
        value: object = _MISSING,
        *,
        locale: str | None = None,
        scope: str | None = None,
    ) -> ProductSearch:
        """A filter on an attribute's values (operators by attribute type: facts.md §6)."""
        if operator not in _ATTRIBUTE_OPERATORS:
            raise SearchError(f"search on {code!r}: {operator!r} is not an attribute operator")
        return self.add(code, operator, _listed(value), locale=locale, scope=scope)


_ATTRIBUTE_OPERATORS: Final = frozenset(
    get_args(CodeOperator)
    + get_args(EmptyOperator)
    + get_args(TextOperator)
    + get_args(CompareOperator)
    + get_args(RangeOperator)
)


def _listed(value: object) -> object:
    if isinstance(value, tuple | set | frozenset):
        return list(value)
    return value


# ------------------------------------------------------------------------- records and assets
RecordOperator: TypeAlias = Literal[
    "=",
    "!=",
    "<",
    "<=",
    ">",
    ">=",
    "CONTAINS",
    "DOES NOT CONTAIN",
    "STARTS WITH",
    "ENDS WITH",
    "IN",
    "EMPTY",
    "NOT EMPTY",
]
AssetOperator: TypeAlias = Literal[
    "=",
    "<",
    "<=",
    ">",
    ">=",
    "CONTAINS",
    "DOES NOT CONTAIN",
    "STARTS WITH",
    "STARTS_WITH",
    "ENDS WITH",
    "IN",
    "BETWEEN",
    "NOT BETWEEN",
    "EMPTY",
    "NOT EMPTY",
]
UpdatedOperator: TypeAlias = Literal[">", "<", ">=", "BETWEEN", "NOT BETWEEN", "SINCE LAST N DAYS"]
_ATTRIBUTE_CODE: Final = re.compile(r"^[a-zA-Z0-9_]+$")


def _single(
    key: str, operator: str, value: object, locale: str | None, channel: str | None
) -> dict[str, Any]:
    """One single-object condition: `{"operator", "value"?, "locale"?, "channel"?}`."""
    check_condition(key, operator, value)
    condition: dict[str, Any] = {"operator": operator}
    if value is not _MISSING:
        condition["value"] = _listed(value)
    if locale is not None:
        condition["locale"] = locale
    if channel is not None:
        condition["channel"] = channel
    return condition


class _FlatSearch(SearchBuilder):
    """The record/asset flat grammar: `code` and `updated` as arrays, the rest single objects."""

    __slots__ = ("_filters",)

    def __init__(self) -> None:
        self._filters: dict[str, Any] = {}

    def _with(self, key: str, condition: dict[str, Any], *, array: bool) -> Self:
        new = copy.copy(self)
        new._filters = copy.deepcopy(self._filters)
        if array:
            new._filters.setdefault(key, []).append(condition)
        elif key in new._filters:
            raise SearchError(f"search on {key!r}: one condition per attribute in this grammar")
        else:
            new._filters[key] = condition
        return new

    def code(self, codes: Codes) -> Self:
        """Only these codes (`IN`)."""
        return self._with("code", _single("code", "IN", list(codes), None, None), array=True)

    @overload
    def updated(self, operator: Literal[">", "<", ">="], value: str) -> Self: ...
    @overload
    def updated(self, operator: RangeOperator, value: tuple[str, str]) -> Self: ...
    @overload
    def updated(self, operator: Literal["SINCE LAST N DAYS"], value: int) -> Self: ...
    def updated(self, operator: UpdatedOperator, value: object) -> Self:
        """Updated dates are ISO-8601 here (`2024-01-01T00:00:00Z`)."""
        return self._with("updated", _single("updated", operator, value, None, None), array=True)

    def to_dict(self) -> dict[str, Any]:
        return copy.deepcopy(self._filters)


def _check_attribute_code(code: str) -> None:
    if not _ATTRIBUTE_CODE.match(code):
        raise SearchError(f"search on {code!r}: attribute codes are letters, digits and _ only")


class RecordSearch(_FlatSearch):
    """Reference entity record filters: `code`, `updated`, `complete` and attribute values.

    >>> RecordSearch().attribute("description", "CONTAINS", "furniture", locale="en_US")
    """

    __slots__ = ()

    def complete(self, value: bool, *, channel: str, locales: Sequence[str]) -> RecordSearch:
        return self._with(
            "complete",
            {"operator": "=", "value": value, "channel": channel, "locales": list(locales)},
            array=False,
        )

    @overload
    def attribute(
        self,
        code: str,
        operator: EmptyOperator,
        *,
        locale: str | None = None,
        channel: str | None = None,
    ) -> RecordSearch: ...
    @overload
    def attribute(
        self,
        code: str,
        operator: Literal["IN"],
        value: Codes,
        *,
        locale: str | None = None,
        channel: str | None = None,
    ) -> RecordSearch: ...
    @overload
    def attribute(
        self,
        code: str,
        operator: Literal[
            "=",
            "!=",
            "<",
            "<=",
            ">",
            ">=",
            "CONTAINS",
            "DOES NOT CONTAIN",
            "STARTS WITH",
            "ENDS WITH",
        ],
        value: str,
        *,
        locale: str | None = None,
        channel: str | None = None,
    ) -> RecordSearch: ...
    def attribute(
        self,
        code: str,
        operator: RecordOperator,
        value: object = _MISSING,
        *,
        locale: str | None = None,
        channel: str | None = None,
    ) -> RecordSearch:
        """Numbers are compared as strings here (`"1950"`)."""
        _check_attribute_code(code)
        return self._with(code, _single(code, operator, value, locale, channel), array=False)


class AssetCondition(SearchBuilder):
    """One condition of an asset search tree: `{field: {"operator", "value", ...}}`.

    Combine them with `AssetSearch.all_of` / `AssetSearch.any_of`, to any depth.
    """

    __slots__ = ("_node",)

    def __init__(self, node: dict[str, Any]) -> None:
        self._node = node

    def to_dict(self) -> dict[str, Any]:
        return copy.deepcopy(self._node)


class AssetSearch(_FlatSearch):
    """Asset Manager asset filters: the flat grammar, or one `and`/`or` tree (SaaS).

    >>> AssetSearch.all_of(
    ...     AssetSearch.any_of(AssetSearch.where("code", "STARTS WITH", "img_"),
    ...                        AssetSearch.where("code", "STARTS WITH", "vid_")),
    ...     AssetSearch.where("updated", ">=", "2024-01-01T00:00:00Z"))
    """

    __slots__ = ()

    @overload
    def attribute(
        self,
        code: str,
        operator: EmptyOperator,
        *,
        locale: str | None = None,
        channel: str | None = None,
    ) -> AssetSearch: ...
    @overload
    def attribute(
        self,
        code: str,
        operator: Literal["IN"],
        value: Codes,
        *,
        locale: str | None = None,
        channel: str | None = None,
    ) -> AssetSearch: ...
    @overload
    def attribute(
        self,
        code: str,
        operator: RangeOperator,
        value: tuple[str, str],
        *,
        locale: str | None = None,
        channel: str | None = None,
    ) -> AssetSearch: ...
    @overload
    def attribute(
        self,
        code: str,
        operator: Literal[
            "=",
            "<",
            "<=",
            ">",
            ">=",
            "CONTAINS",
            "DOES NOT CONTAIN",
            "STARTS WITH",
            "STARTS_WITH",
            "ENDS WITH",
        ],
        value: str | bool,
        *,
        locale: str | None = None,
        channel: str | None = None,
    ) -> AssetSearch: ...
    def attribute(
        self,
        code: str,
        operator: AssetOperator,
        value: object = _MISSING,
        *,
        locale: str | None = None,
        channel: str | None = None,
    ) -> AssetSearch:
        _check_attribute_code(code)
        return self._with(code, _single(code, operator, value, locale, channel), array=False)

    @staticmethod
    def where(
        field: str,
        operator: AssetOperator,
        value: object = _MISSING,
        *,
        locale: str | None = None,
        channel: str | None = None,
    ) -> AssetCondition:
        """One condition of a tree, on `code`, `updated` or an attribute."""
        if field not in ("code", "updated"):
            _check_attribute_code(field)
        return AssetCondition({field: _single(field, operator, value, locale, channel)})

    @staticmethod
    def complete(value: bool, *, channel: str, locales: Sequence[str]) -> AssetCondition:
        """The completeness condition of a tree (its channel and locales under `context`)."""
        context = {"channel": channel, "locales": list(locales)}
        return AssetCondition({"complete": {"operator": "=", "value": value, "context": context}})

    @classmethod
    def all_of(cls, *items: AssetCondition) -> AssetCondition:
        """`{"and": [...]}`: every item holds."""
        return cls._tree("and", items)

    @classmethod
    def any_of(cls, *items: AssetCondition) -> AssetCondition:
        """`{"or": [...]}`: at least one item holds."""
        return cls._tree("or", items)

    @staticmethod
    def _tree(operator: str, items: Sequence[AssetCondition]) -> AssetCondition:
        if not items:
            raise SearchError(f"an {operator!r} node needs at least one condition")
        bad = [item for item in items if not isinstance(item, AssetCondition)]
        if bad:
            raise SearchError(f"an {operator!r} node holds conditions only, not {bad[0]!r}")
        return AssetCondition({operator: [item.to_dict() for item in items]})


SearchArg: TypeAlias = SearchBuilder | Mapping[str, Any] | str
"""What a `search=` argument takes: a builder, the filter as a dict, or JSON text."""


def serialize_search(value: SearchArg) -> str:
    """The compact JSON Akeneo expects. A string is taken as JSON already written by the caller."""
    if isinstance(value, SearchBuilder):
        return value.to_json()
    if isinstance(value, str):
        try:
            json.loads(value)
        except ValueError as exc:
            raise ValueError(f"search string is not valid JSON: {exc}") from None
        return value
    return dumps_compact(value)
