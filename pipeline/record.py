"""The output record: one schema, one serializer, a version on every line.

Every record, ok or failed, has the same keys in the same order, so that
`pandas.read_json(path, lines=True)` and `datasets.load_dataset("json", ...)`
see one stable table; a failed article has empty lists and an `error`.
The JSON Schema in `schema/record.schema.json` is the contract; tests
validate every output line against it.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .spans import Span

SCHEMA_VERSION = "1.0.0"
META_KEYS = ("title", "published", "authors", "outlet")

# Every entity carries every attribute key (null where it does not apply), with
# one JSON type per key: Arrow-based readers (`datasets`, `pyarrow`) infer a
# schema from the first rows and fail on a key or type that turns up later.
ATTR_TYPES = {
    # DOC
    "kind": "string", "number": "string", "code": "string", "issuer": "string", "issuer_from_code": "string",
    "date": "string", "term": "string", "subject": "string", "kind_code_mismatch": "boolean",
    # NUM
    "value": "number", "total": "number", "percent": "boolean", "unit": "string", "approx": "string",
    "change": "string", "compare_to": "string",
    # TITLE, PER
    "holder": "string", "holder_start": "integer", "role": "string", "caps": "boolean",
    # ORG, LOC
    "expansion": "string", "level": "string", "province": "string",
}
CHECK_KEYS = ("kind", "status", "stated", "computed", "message", "spans", "where")


def entity_attrs(attrs: dict) -> dict:
    """All attribute keys in a fixed order; an unknown key is a bug in a family, not data."""
    unknown = set(attrs) - set(ATTR_TYPES)
    if unknown:
        raise ValueError(f"unknown entity attribute(s) {sorted(unknown)}: declare them in record.ATTR_TYPES and the schema")
    return {k: attrs.get(k) for k in ATTR_TYPES}


def check_record(c: dict) -> dict:
    """A check with fixed keys; `stated`/`computed` are numbers or null (the words are in `message`)."""
    out = {k: c.get(k) for k in CHECK_KEYS}
    for k in ("stated", "computed"):
        if not isinstance(out[k], (int, float)) or isinstance(out[k], bool):
            out[k] = None
        else:
            out[k] = float(out[k])
    out["spans"] = list(out["spans"] or [])
    return out


def empty_meta() -> dict:
    return {"title": None, "published": None, "authors": [], "outlet": None}


@dataclass
class Article:
    """An extracted article. Offsets in `entities` and `sentences` index `text`."""

    id: str
    text: str = ""
    source: dict = field(default_factory=lambda: {"path": None, "url": None, "line": None})
    meta: dict = field(default_factory=empty_meta)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    entities: list[Span] = field(default_factory=list)
    officials: list[dict] = field(default_factory=list)
    checks: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: dict | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_dict(self) -> dict[str, Any]:
        src = {"path": None, "url": None, "line": None}
        src.update({k: self.source.get(k) for k in src})
        meta = empty_meta()
        meta.update({k: self.meta.get(k) for k in META_KEYS if k in self.meta})
        meta["authors"] = list(meta["authors"] or [])
        return {
            "id": self.id,
            "schema_version": SCHEMA_VERSION,
            "source": src,
            "meta": meta,
            "text": self.text,
            "sentences": [[s, e] for s, e in self.sentences],
            "entities": [
                {"label": s.label, "start": s.start, "end": s.end, "text": self.text[s.start:s.end],
                 "source": s.source, "attrs": entity_attrs(s.attrs)}
                for s in self.entities
            ],
            "officials": self.officials,
            "checks": [check_record(c) for c in self.checks],
            "notes": self.notes,
            "error": self.error,
        }

    def to_json(self) -> str:
        """One deterministic JSONL line (no trailing newline)."""
        return dumps(self.to_dict())


def dumps(obj: dict) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def schema() -> dict:
    """The JSON Schema every record validates against."""
    from importlib import resources

    return json.loads((resources.files("pipeline") / "schema" / "record.schema.json").read_text(encoding="utf-8"))
