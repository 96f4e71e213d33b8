"""The one span type every extractor returns.

Extractors only annotate: they return `Span`s with offsets into the text they
were given and never build records themselves (`record.py` does that once).
Keeping a single small type lets the overlap resolver, the checks and the
spaCy bridge treat every family alike.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

LABELS = ("PER", "TITLE", "ORG", "LOC", "DOC", "NUM")


@dataclass(slots=True)
class Span:
    """A labelled character range ``[start, end)`` of a text.

    >>> t = "Chỉ thị số 05-CT/TW"
    >>> s = Span("DOC", 0, len(t), {"number": "05"})
    >>> s.text_of(t)
    'Chỉ thị số 05-CT/TW'
    """

    label: str
    start: int
    end: int
    attrs: dict[str, Any] = field(default_factory=dict)
    source: str = "rule"

    def text_of(self, text: str) -> str:
        return text[self.start:self.end]

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end


def resolve_overlaps(spans: list[Span], priority: tuple[str, ...] = ("DOC", "TITLE", "NUM", "ORG", "LOC", "PER")) -> list[Span]:
    """Make spans flat, as the guidelines require: the longer, outer reading wins.

    Ties in length go to the label earlier in `priority`, then to the earlier
    start, so the result does not depend on the order extractors ran in.
    """
    rank = {lab: i for i, lab in enumerate(priority)}
    ordered = sorted(spans, key=lambda s: (-(s.end - s.start), rank.get(s.label, len(rank)), s.start, s.label))
    kept: list[Span] = []
    for s in ordered:
        if s.end <= s.start:
            continue
        if any(s.overlaps(k) for k in kept):
            continue
        kept.append(s)
    kept.sort(key=lambda s: (s.start, s.end, s.label))
    return kept
