"""Output JSONL to the tables analysts work with.

A record nests entities, officials and checks; a notebook wants long tables
("every official in every article", "every mismatched claim"). These
helpers flatten them, streaming the file, keeping `id` as the join key.

    >>> from pipeline.corpus import tables               # doctest: +SKIP
    >>> t = tables("corpus/articles.jsonl")              # doctest: +SKIP
    >>> t["officials"].groupby("name").size()            # doctest: +SKIP
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator


def iter_records(path: str | Path) -> Iterator[dict]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def tables(path: str | Path) -> dict:
    """DataFrames ``articles``, ``entities``, ``officials``, ``checks`` from one output file."""
    import pandas as pd

    arts, ents, offs, chks = [], [], [], []
    for r in iter_records(path):
        m = r.get("meta") or {}
        arts.append({"id": r["id"], "title": m.get("title"), "published": m.get("published"),
                     "authors": "; ".join(m.get("authors") or []), "outlet": m.get("outlet"),
                     "n_chars": len(r.get("text") or ""), "n_entities": len(r.get("entities") or []),
                     "error": (r.get("error") or {}).get("type"), "path": (r.get("source") or {}).get("path")})
        for i, e in enumerate(r.get("entities") or []):
            ents.append({"id": r["id"], "index": i, "label": e["label"], "text": e["text"], "start": e["start"],
                         "end": e["end"], "source": e.get("source"), **{f"attr_{k}": v for k, v in (e.get("attrs") or {}).items()}})
        for o in r.get("officials") or []:
            for t in o.get("titles") or [None]:
                t = t if isinstance(t, dict) else {"text": t}
                offs.append({"id": r["id"], "name": o.get("name"), "title": t.get("text"), "org": t.get("org"),
                             "start": t.get("start"), "end": t.get("end")})
        for c in r.get("checks") or []:
            chks.append({"id": r["id"], **{k: c.get(k) for k in ("kind", "status", "stated", "computed", "message")}})
    return {"articles": pd.DataFrame(arts), "entities": pd.DataFrame(ents),
            "officials": pd.DataFrame(offs), "checks": pd.DataFrame(chks)}


def features():
    """The record schema as `datasets.Features`.

    `datasets` infers a JSON file's schema from its first block and cannot
    widen a column that was all null there (huggingface/datasets#7222), so a
    field that appears only late in a large file (an outlet tag, a rare
    attribute) would break a plain load. Passing these features avoids it.
    """
    from datasets import Features, Sequence, Value

    from .record import ATTR_TYPES

    arrow = {"string": "string", "number": "float64", "boolean": "bool", "integer": "int64"}
    span = {"label": Value("string"), "start": Value("int64"), "end": Value("int64"), "text": Value("string"),
            "source": Value("string"), "attrs": {k: Value(arrow[t]) for k, t in ATTR_TYPES.items()}}
    return Features({
        "id": Value("string"),
        "schema_version": Value("string"),
        "source": {"path": Value("string"), "url": Value("string"), "line": Value("int64")},
        "meta": {"title": Value("string"), "published": Value("string"), "authors": Sequence(Value("string")),
                 "outlet": Value("string")},
        "text": Value("string"),
        "sentences": Sequence(Sequence(Value("int64"))),
        "entities": [span],
        "officials": [{"name": Value("string"),
                       "titles": [{"text": Value("string"), "start": Value("int64"), "end": Value("int64"), "org": Value("string")}],
                       "orgs": Sequence(Value("string"))}],
        "checks": [{"kind": Value("string"), "status": Value("string"), "stated": Value("float64"),
                    "computed": Value("float64"), "message": Value("string"), "spans": Sequence(Value("int64")),
                    "where": Sequence(Value("int64"))}],
        "notes": Sequence(Value("string")),
        "error": {"type": Value("string"), "message": Value("string")},
    })


def load_dataset(path: str | Path, **kwargs):
    """The output as a HuggingFace `datasets.Dataset` (one row per article), with the schema's features."""
    import datasets

    return datasets.load_dataset("json", data_files=str(path), split="train", features=features(), **kwargs)
