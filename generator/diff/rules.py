"""Every rule the spec diff reports: a stable id, a level and what it means.

Levels follow oasdiff's categories: `breaking` (oasdiff's ERR: code or callers that worked stop
working), `warning` (WARN: may break some callers) and `info` (INFO: worth knowing, breaks nothing).
Direction matters: what the client sends (request) may only get looser, what it reads (response)
may only get stricter. docs/diff-rules.md, the rule table, is printed from this module
(`python -m generator.diff.rules > docs/diff-rules.md`) and a test keeps the two in step.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Literal

from ..extensions import EXTENSIONS

Level = Literal["breaking", "warning", "info"]
Area = Literal["api", "client"]
LEVELS: tuple[Level, ...] = ("breaking", "warning", "info")


@dataclass(frozen=True)
class Rule:
    id: str
    level: Level
    area: Area
    description: str


_B: Level = "breaking"
_W: Level = "warning"
_I: Level = "info"

_API: tuple[tuple[str, Level, str], ...] = (
    # operations
    ("endpoint-added", _I, "a new operation (method and path)"),
    ("endpoint-removed", _B, "an operation that was not deprecated is gone"),
    ("deprecated-endpoint-removed", _W, "an operation already deprecated is gone"),
    ("endpoint-deprecated", _I, "an operation became deprecated"),
    ("endpoint-reactivated", _I, "a deprecated operation is no longer deprecated"),
    ("api-operation-id-changed", _W, "same method and path, another operationId"),
    ("api-path-changed", _B, "same operationId and method, another path"),
    ("api-method-changed", _B, "same operationId and path, another HTTP method"),
    ("api-tag-changed", _I, "the operation moved to another tag"),
    # parameters
    ("new-required-request-parameter", _B, "a new required parameter"),
    ("new-optional-request-parameter", _I, "a new optional parameter"),
    ("request-parameter-removed", _W, "a parameter is gone (callers that send it may be refused)"),
    ("request-parameter-became-required", _B, "an optional parameter became required"),
    ("request-parameter-became-optional", _I, "a required parameter became optional"),
    ("request-parameter-type-changed", _B, "a parameter's type changed"),
    ("request-parameter-format-changed", _B, "a parameter's format changed"),
    ("request-parameter-enum-value-added", _I, "a parameter takes a new enum value"),
    ("request-parameter-enum-value-removed", _B, "a parameter no longer takes an enum value"),
    (
        "request-parameter-default-value-changed",
        _W,
        "a parameter's default changed (or came, or went)",
    ),
    ("request-parameter-range-narrowed", _B, "a parameter's min/max (length, items) got stricter"),
    ("request-parameter-range-widened", _I, "a parameter's min/max (length, items) got looser"),
    # request body
    ("new-required-request-body", _B, "the operation now needs a body"),
    ("new-optional-request-body", _I, "the operation now takes an optional body"),
    ("request-body-removed", _W, "the operation no longer takes a body"),
    ("request-body-became-required", _B, "the optional body became required"),
    ("request-body-became-optional", _I, "the required body became optional"),
    ("request-body-media-type-added", _I, "the body may be sent in a new content type"),
    ("request-body-media-type-removed", _B, "the body may no longer be sent in a content type"),
    ("request-body-type-changed", _B, "the body's top-level type changed"),
    ("new-required-request-property", _B, "a new required property in a request body"),
    ("new-optional-request-property", _I, "a new optional property in a request body"),
    ("request-property-removed", _W, "a request property is gone (senders may be refused)"),
    ("request-property-became-required", _B, "an optional request property became required"),
    ("request-property-became-optional", _I, "a required request property became optional"),
    ("request-property-type-changed", _B, "a request property's type changed"),
    ("request-property-format-changed", _B, "a request property's format changed"),
    ("request-property-became-nullable", _I, "a request property now takes null"),
    ("request-property-became-not-nullable", _B, "a request property no longer takes null"),
    ("request-property-enum-value-added", _I, "a request property takes a new enum value"),
    ("request-property-enum-value-removed", _B, "a request property no longer takes an enum value"),
    ("request-property-default-value-changed", _W, "a request property's default changed"),
    ("request-property-range-narrowed", _B, "a request property's min/max got stricter"),
    ("request-property-range-widened", _I, "a request property's min/max got looser"),
    ("request-additional-properties-disallowed", _B, "a request object no longer takes extra keys"),
    ("request-additional-properties-allowed", _I, "a request object now takes extra keys"),
    # responses
    ("response-success-status-added", _I, "a new 1xx/2xx/3xx answer"),
    ("response-success-status-removed", _B, "a 1xx/2xx/3xx answer is gone"),
    ("response-non-success-status-added", _I, "a new documented 4xx/5xx answer"),
    ("response-non-success-status-removed", _I, "a documented 4xx/5xx answer is gone"),
    ("response-media-type-added", _I, "an answer comes in a new content type"),
    ("response-media-type-removed", _B, "an answer no longer comes in a content type"),
    ("response-body-type-changed", _B, "an answer's top-level type changed"),
    ("response-property-added", _I, "a new property in an answer"),
    ("response-property-removed", _B, "a property of an answer is gone (readers break)"),
    ("response-property-became-optional", _B, "a required response property may now be absent"),
    ("response-property-became-required", _I, "an optional response property is always sent"),
    ("response-property-type-changed", _B, "a response property's type changed"),
    ("response-property-format-changed", _W, "a response property's format changed"),
    ("response-property-became-nullable", _B, "a response property may now be null"),
    ("response-property-became-not-nullable", _I, "a response property is never null now"),
    ("response-property-enum-value-added", _W, "a response property may carry a new enum value"),
    ("response-property-enum-value-removed", _I, "a response property no longer carries a value"),
    ("response-property-range-widened", _W, "a response property's min/max got looser"),
    ("response-property-range-narrowed", _I, "a response property's min/max got stricter"),
    ("response-additional-properties-allowed", _W, "an answer's object may carry extra keys"),
    ("response-additional-properties-disallowed", _I, "an answer's object has no extra keys now"),
    # security
    ("api-security-requirement-added", _I, "the operation accepts a new security requirement"),
    ("api-security-requirement-removed", _B, "a security requirement (or none) is refused now"),
    ("api-security-scope-added", _B, "a security requirement needs a new scope"),
    ("api-security-scope-removed", _I, "a security requirement needs one scope fewer"),
    ("security-scheme-changed", _B, "a security scheme's type, scheme, location or name changed"),
)

_CLIENT: tuple[tuple[str, Level, str], ...] = (
    ("client-resource-added", _I, "a new resource attribute on the client (`akeneo.x`)"),
    ("client-resource-removed", _B, "a resource attribute is gone"),
    ("client-resource-renamed", _B, "a resource attribute has a new name (same tag)"),
    ("client-method-added", _I, "a new method on a resource"),
    ("client-method-removed", _B, "a method is gone"),
    ("client-method-renamed", _B, "same operation, another method name"),
    ("client-method-moved", _B, "same operation, now on another resource"),
    ("client-method-deprecated", _I, "a method now emits a DeprecationWarning"),
    ("client-method-return-type-changed", _B, "a method returns another type"),
    ("client-required-parameter-added", _B, "a method takes a new argument without default"),
    ("client-optional-parameter-added", _I, "a method takes a new argument with a default"),
    ("client-parameter-removed", _B, "a method's argument is gone"),
    ("client-parameter-renamed", _B, "same wire name, another Python argument name"),
    ("client-parameter-kind-changed", _B, "an argument moved between positional and keyword-only"),
    ("client-parameter-became-required", _B, "an argument lost its default"),
    ("client-parameter-became-optional", _I, "an argument got a default"),
    ("client-parameter-type-changed", _B, "an argument's annotation changed (not a widening)"),
    ("client-parameter-type-widened", _I, "an argument's annotation accepts more (a superset)"),
    ("client-class-added", _I, "a new model, TypedDict or type alias"),
    ("client-class-removed", _B, "a model, TypedDict or type alias is gone"),
    ("client-class-renamed", _B, "a class is gone and another has exactly its fields"),
    ("client-model-field-added", _I, "a response model has a new attribute"),
    ("client-model-field-removed", _B, "a response model's attribute is gone"),
    ("client-model-field-renamed", _B, "same JSON key, another attribute name"),
    ("client-model-field-type-changed", _B, "a response model's attribute has another type"),
    ("client-model-field-type-narrowed", _I, "a response model's attribute has fewer types"),
    ("client-param-required-field-added", _B, "a request TypedDict has a new Required key"),
    ("client-param-optional-field-added", _I, "a request TypedDict has a new optional key"),
    ("client-param-field-removed", _B, "a request TypedDict's key is gone"),
    ("client-param-field-type-changed", _B, "a request TypedDict's key has another type"),
    ("client-param-field-type-widened", _I, "a request TypedDict's key accepts more types"),
    ("client-param-field-became-required", _B, "a request TypedDict's key became Required"),
    ("client-param-field-became-optional", _I, "a request TypedDict's key became optional"),
    ("client-enum-member-added", _I, "a Literal type gained a member"),
    ("client-enum-member-removed", _B, "a Literal type lost a member"),
    ("client-alias-type-changed", _B, "a type alias stands for another type"),
)

# One rule per extension that changes the client unseen by the rules above: generator/extensions.py.
_EXTENSION_RULES = tuple(
    (e.diff_rule, e.diff_level, f"`{e.name}` changed: {e.client_effect}")
    for e in EXTENSIONS.values()
    if e.diff_rule is not None and e.diff_level is not None
)

RULES: dict[str, Rule] = {
    **{rid: Rule(rid, level, "api", text) for rid, level, text in _API},
    **{rid: Rule(rid, level, "client", text) for rid, level, text in _CLIENT},
    **{rid: Rule(rid, level, "client", text) for rid, level, text in _EXTENSION_RULES},
}


def markdown_table() -> str:
    """The rule table of docs/diff-rules.md."""
    lines = ["| rule id | level | side | reported when |", "|---|---|---|---|"]
    for rule in RULES.values():
        lines.append(f"| `{rule.id}` | {rule.level} | {rule.area} | {rule.description} |")
    return "\n".join(lines)


DOCUMENT = "docs/diff-rules.md"


def rules_document() -> str:
    """docs/diff-rules.md: a line saying where it comes from, the counts, the table."""
    rules = list(RULES.values())
    areas = ", ".join(
        f"{sum(r.area == area for r in rules)} {name}"
        for area, name in (("api", "HTTP API"), ("client", "Python client"))
    )
    levels = ", ".join(f"{sum(r.level == level for r in rules)} {level}" for level in LEVELS)
    return (
        f"<!-- Generated by `python -m generator.diff.rules > {DOCUMENT}` from "
        "generator/diff/rules.py: edit that file, not this one. -->\n"
        "# The rules of `akeneo-codegen diff`\n\n"
        f"{len(rules)} rules ({areas}; {levels}), after oasdiff's ids and levels (`breaking` = "
        "its ERR, `warning` = WARN, `info` = INFO). Each rule has a test in "
        "`tests/diff/test_rules.py`; how the two sides are matched is in the README.\n\n"
        f"{markdown_table()}\n"
    )


if __name__ == "__main__":
    sys.stdout.write(rules_document())
