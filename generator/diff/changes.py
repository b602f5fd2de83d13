"""One reported change, and the whole report of a diff."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .rules import LEVELS, RULES, Area, Level


@dataclass(frozen=True)
class Change:
    """What changed, where, and from what to what. `before`/`after` are short display texts."""

    rule: str
    group: str  # the resource: a tag (API) or a client attribute; `models` for client classes
    subject: str  # `GET /channels/{code}`, `akeneo.channels.get`, `ChannelParam`
    where: str  # inside the subject: `query parameter limit`, `response 200 ...: labels`
    before: str | None = None
    after: str | None = None

    def __post_init__(self) -> None:
        if self.rule not in RULES:
            raise ValueError(f"unknown diff rule {self.rule!r}")

    @property
    def level(self) -> Level:
        return RULES[self.rule].level

    @property
    def area(self) -> Area:
        return RULES[self.rule].area

    def as_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "level": self.level,
            "area": self.area,
            "group": self.group,
            "subject": self.subject,
            "where": self.where,
            "before": self.before,
            "after": self.after,
        }


@dataclass
class DiffReport:
    base: str
    head: str
    changes: list[Change] = field(default_factory=list)

    def counts(self) -> dict[Level, int]:
        counts: dict[Level, int] = dict.fromkeys(LEVELS, 0)
        for change in self.changes:
            counts[change.level] += 1
        return counts

    def at_least(self, level: Level) -> int:
        """How many changes are at `level` or more severe."""
        rank = LEVELS.index(level)
        return sum(1 for c in self.changes if LEVELS.index(c.level) <= rank)

    def ordered(self) -> list[Change]:
        """Deduplicated; by group, then breaking first, then area, subject and rule."""
        unique = dict.fromkeys(self.changes)
        return sorted(
            unique,
            key=lambda c: (
                c.group,
                LEVELS.index(c.level),
                c.area,
                c.subject,
                c.where,
                c.rule,
                c.before or "",
                c.after or "",
            ),
        )
