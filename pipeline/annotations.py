"""Annotation files (span JSONL) to spaCy `DocBin` and back, losing nothing.

The span format is the one of `annotations/README.md`:
``{"id", "text", "meta", "spans": [{"start", "end", "label", "text", attrs...}]}``.

Why tokens are cut at span edges: the underthesea segmentation sometimes
glues a name to the word before it ("ủy Chương" + "Mỹ"); an entity whose
edge falls inside a token cannot be a spaCy entity. Training docs are
therefore built from the project's segmentation *plus* a cut at every
span edge, so every annotated span survives exactly and the model learns
the boundaries the annotators drew. Attributes ride along in
``doc.user_data`` so that JSONL → DocBin → JSONL is lossless.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Iterable, Iterator

ATTR_KEY = "vngov_spans"


def read_jsonl(paths: Iterable[str | Path]) -> Iterator[dict]:
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                if line.strip():
                    try:
                        rec = json.loads(line)
                    except ValueError as e:
                        raise ValueError(f"{path} line {lineno}: not valid JSON ({e})") from None
                    _validate(rec, f"{path} line {lineno}")
                    yield rec


def _validate(rec: dict, where: str) -> None:
    text = rec.get("text")
    if not isinstance(text, str) or not isinstance(rec.get("spans"), list):
        raise ValueError(f"{where}: an annotation needs 'text' (string) and 'spans' (list)")
    for s in rec["spans"]:
        if text[s["start"]:s["end"]] != s["text"]:
            raise ValueError(f"{where}: span {s['label']} {s['text']!r} does not match text[{s['start']}:{s['end']}]")


def files_hash(paths: Iterable[str | Path]) -> str:
    """sha256 over the annotation files, in the order given: the model's training-data id."""
    h = hashlib.sha256()
    for p in paths:
        h.update(Path(p).name.encode())
        h.update(Path(p).read_bytes())
    return h.hexdigest()


def cut_offsets(offsets: list[tuple[int, int]], edges: set[int]) -> list[tuple[int, int]]:
    """Split token offsets at every edge that falls strictly inside a token."""
    out = []
    for s, e in offsets:
        cuts = sorted(x for x in edges if s < x < e)
        prev = s
        for c in cuts:
            out.append((prev, c))
            prev = c
        out.append((prev, e))
    return [(s, e) for s, e in out if s < e]


def make_doc(nlp, text: str, spans: list[dict], labels: Iterable[str] | None = None):
    """A spaCy Doc of `text` whose `ents` are the annotated `spans` (optionally only `labels`)."""
    from .segment import doc_from_offsets, words

    keep = [s for s in spans if labels is None or s["label"] in labels]
    edges = {x for s in spans for x in (s["start"], s["end"])}
    # strip surrounding whitespace off token pieces created by cuts
    offsets = []
    for s, e in cut_offsets(words(text), edges):
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            offsets.append((s, e))
    doc = doc_from_offsets(nlp.vocab, text, offsets)
    ents = []
    for s in sorted(keep, key=lambda s: s["start"]):
        span = doc.char_span(s["start"], s["end"], label=s["label"], alignment_mode="strict")
        if span is None:
            raise ValueError(f"span {s['label']} {s['text']!r} at {s['start']} does not align to tokens")
        ents.append(span)
    doc.ents = ents
    doc.user_data[ATTR_KEY] = [dict(s) for s in spans]
    return doc


def to_docbin(records: Iterable[dict], nlp, labels: Iterable[str] | None = None):
    from spacy.tokens import DocBin

    labels = set(labels) if labels else None
    db = DocBin(store_user_data=True)
    for rec in records:
        doc = make_doc(nlp, rec["text"], rec["spans"], labels)
        doc.user_data["vngov_id"] = rec.get("id")
        doc.user_data["vngov_meta"] = rec.get("meta") or {}
        db.add(doc)
    return db


def from_docbin(db, nlp) -> Iterator[dict]:
    """Records back from a DocBin: exact spans (with attributes) from user data, else from ents."""
    for doc in db.get_docs(nlp.vocab):
        spans = doc.user_data.get(ATTR_KEY)
        if spans is None:
            spans = [{"start": e.start_char, "end": e.end_char, "label": e.label_, "text": e.text} for e in doc.ents]
        yield {"id": doc.user_data.get("vngov_id"), "meta": doc.user_data.get("vngov_meta") or {},
               "text": doc.text, "spans": [dict(s) for s in spans]}


def _find_word(text: str, surface: str, start: int) -> int:
    """First occurrence at/after `start` that does not cut a word in two ("2" is not in "2019")."""
    while True:
        i = text.find(surface, start)
        if i < 0:
            return -1
        j = i + len(surface)
        cuts_left = i > 0 and text[i - 1].isalnum() and surface[0].isalnum()
        cuts_right = j < len(text) and text[j].isalnum() and surface[-1].isalnum()
        if not (cuts_left or cuts_right):
            return i
        start = i + 1


def build_from_draft(draft_path: str | Path) -> dict:
    """A draft (items in reading order, no offsets) to a span record with offsets.

    Drafts are how people annotate: ``[label, surface, attrs]`` in reading
    order; each surface is looked up at or after the previous one, so a
    repeated "Huyện ủy" resolves to its successive occurrences.
    """
    import unicodedata

    from .spans import LABELS

    draft_path = Path(draft_path)
    draft = json.loads(draft_path.read_text(encoding="utf-8"))
    text = draft["text"] if "text" in draft else (draft_path.parent / draft["text_file"]).read_text(encoding="utf-8")
    text = unicodedata.normalize("NFC", text)
    spans, cursor = [], 0
    for n, item in enumerate(draft["items"]):
        label, surface = item[0], unicodedata.normalize("NFC", item[1])
        attrs = item[2] if len(item) > 2 else {}
        if label not in LABELS:
            raise ValueError(f"{draft_path}: item {n} has unknown label {label!r}")
        start = _find_word(text, surface, cursor)
        if start < 0:
            raise ValueError(f"{draft_path}: item {n} {label} {surface!r} not found after offset {cursor}")
        spans.append({"start": start, "end": start + len(surface), "label": label, "text": surface, **attrs})
        cursor = start + len(surface)
    return {"id": draft["id"], "meta": draft.get("meta", {}), "text": text, "spans": spans}
