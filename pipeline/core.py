"""`extract` and `extract_many`: the one public entry point.

The order of work is fixed and cheap-first: decode → clean → metadata →
sentences → rule families → flat overlap resolution → checks → officials
table. Every family only annotates the cleaned text; this module is the
only place that assembles an `Article`, so the record shape cannot drift.

An exception inside one article becomes that article's `error`
(``type: "internal"``), never the end of a run: a corpus of thousands must
come out with one record per input.
"""
from __future__ import annotations

import traceback
from typing import Iterable, Iterator

from . import clean as _clean
from . import meta as _meta
from .decode import DEFAULT_MAX_BYTES
from .ingest import RawDoc
from .record import Article, empty_meta
from .segment import sentences as _sentences
from .spans import Span, resolve_overlaps

# Rule families, each a module with `find(text) -> list[Span]`.
FAMILIES = ("directives", "claims", "units", "officials")


def _family(name: str):
    import importlib

    return importlib.import_module(f"{__package__}.{name}")


def _author_spans(text: str, authors: list[str], taken: list[Span]) -> list[Span]:
    """Bylines are PER (guidelines): mark each author's last mention if no family did."""
    out = []
    for name in authors:
        i = text.rfind(name)
        if i < 0:
            continue
        s = Span("PER", i, i + len(name), {"role": "byline"})
        if not any(s.overlaps(t) for t in taken):
            out.append(s)
    return out


DEFAULT_MODEL = "default"


def resolve_model(model):
    """``"default"`` means the shipped model (loaded once per process), None means rules only."""
    if isinstance(model, str):
        from .model import load_default

        return load_default(None if model == DEFAULT_MODEL else model)
    return model


def find_entities(text: str, model=None, authors: list[str] = (), sentences=None) -> list[Span]:
    """All rule spans of `text` (bylines of `authors` included), flat; merged with `model` spans when given.

    Bylines are placed before the model is merged: they are rule knowledge,
    and the model must not take their place with other boundaries.
    """
    spans: list[Span] = []
    for name in FAMILIES:
        spans.extend(_family(name).find(text))
    spans = resolve_overlaps(spans)
    spans += _author_spans(text, list(authors), spans)
    if model is not None:
        from .model import merge

        spans = merge(spans, model.find(text, sentences), text,
                      confidence=lambda candidates: model.confidence(text, candidates, sentences))
    return resolve_overlaps(spans)


def _article_from_text(doc_id: str, raw: str, source: dict, given: dict, hints: dict | None, notes: list[str], model) -> Article:
    art = Article(doc_id, source=source, notes=list(notes))
    cleaned = _clean.clean(raw, title=given.get("title"))
    art.text = cleaned.text
    meta = _meta.extract_meta(raw, cleaned, given or None)
    for key, hint in (("title", "title"), ("published", "date")):
        if not meta.get(key) and hints and hints.get(hint):
            meta[key] = hints[hint]
    art.meta = {**empty_meta(), **meta}
    art.sentences = _sentences(art.text)
    ents = find_entities(art.text, model=model, authors=art.meta.get("authors") or [], sentences=art.sentences)
    art.entities = ents
    art.checks = _checks(art.text, ents, art.sentences)
    art.officials = _family("officials").table(art.text, ents)
    return art


def _checks(text: str, ents: list[Span], sents) -> list[dict]:
    """Run claim checks on the NUM spans; map their indices to entity indices."""
    from . import checks as _chk

    num_idx = [i for i, e in enumerate(ents) if e.label == "NUM"]
    out = _chk.run(text, [ents[i] for i in num_idx], sents)
    for c in out:
        c["spans"] = [num_idx[j] for j in c.get("spans", [])]
    return out


def extract_doc(doc: RawDoc, model=None) -> Article:
    """One `RawDoc` (from `ingest`) to one `Article`, errors included."""
    if doc.error is not None:
        return Article(doc.id, source=doc.source, error=doc.error, notes=list(doc.notes),
                       meta={**empty_meta(), **_given_meta(doc.given)})
    try:
        return _article_from_text(doc.id, doc.text or "", doc.source, doc.given, doc.hints, doc.notes, model)
    except Exception as e:  # one article's bug must not end the run
        tb = traceback.extract_tb(e.__traceback__)[-1]
        where = f"{tb.filename.rsplit('/', 1)[-1]}:{tb.lineno}"
        return Article(doc.id, source=doc.source, text=doc.text or "", notes=list(doc.notes),
                       error={"type": "internal", "message": f"{type(e).__name__}: {e} (at {where})"})


def _given_meta(given: dict) -> dict:
    out = {}
    if isinstance(given.get("title"), str):
        out["title"] = given["title"]
    return out


def extract(text: str, *, id: str | None = None, url: str | None = None, title: str | None = None,
            published: str | None = None, authors: list[str] | None = None, html: bool = False,
            max_bytes: int = DEFAULT_MAX_BYTES, model=DEFAULT_MODEL) -> Article:
    """Extract one article from its raw text (or HTML with ``html=True``).

    `model` is the shipped NER by default; pass a path or a loaded model to
    use another, or None for the rules alone.

    >>> art = extract("Đồng chí Nguyễn Văn An – Bí thư Huyện ủy phát biểu.", id="a1")
    >>> [(e["label"], e["text"]) for e in art.to_dict()["entities"] if e["label"] == "PER"]
    [('PER', 'Nguyễn Văn An')]
    """
    from .ingest import load_payload, stable_id

    given = {k: v for k, v in (("title", title), ("published", published), ("authors", authors)) if v}
    doc_id = id or stable_id("", text if isinstance(text, str) else repr(text))
    doc = RawDoc(doc_id, {"path": None, "url": url, "line": None}, given=given)
    doc = load_payload(doc, text, "html" if html else "text", max_bytes)
    return extract_doc(doc, model=resolve_model(model))


def extract_many(items: Iterable, *, workers: int = 1, model=DEFAULT_MODEL, chunksize: int = 8) -> Iterator[Article]:
    """Stream `Article`s in input order from RawDocs, dicts or strings.

    With ``workers > 1`` articles are processed in a process pool; order,
    and so the output bytes, stay the same as with one worker.
    """
    model = resolve_model(model)
    docs = (_as_doc(x, i) for i, x in enumerate(items))
    if workers <= 1:
        for d in docs:
            yield extract_doc(d, model=model)
        return
    import multiprocessing as mp

    ctx = mp.get_context("fork") if hasattr(__import__("os"), "fork") else mp.get_context()
    with ctx.Pool(workers, initializer=_init_worker, initargs=(model,)) as pool:
        yield from pool.imap(_work, docs, chunksize=chunksize)


_WORKER_MODEL = None


def _init_worker(model) -> None:
    global _WORKER_MODEL
    _WORKER_MODEL = model


def _work(doc: RawDoc) -> Article:
    return extract_doc(doc, model=_WORKER_MODEL)


def _as_doc(x, i: int) -> RawDoc:
    if isinstance(x, RawDoc):
        return x
    from .ingest import load_payload, stable_id

    if isinstance(x, (str, bytes)):
        doc = RawDoc(stable_id("", x if isinstance(x, str) else x.hex()), {"path": None, "url": None, "line": None})
        return load_payload(doc, x, "text", DEFAULT_MAX_BYTES)
    if isinstance(x, dict):
        payload = x.get("text", x.get("html"))
        kind = "html" if "text" not in x and "html" in x else "text"
        given = {k: x[k] for k in ("title", "published", "authors") if x.get(k)}
        doc = RawDoc(str(x.get("id") or stable_id("", str(payload))), {"path": None, "url": x.get("url"), "line": None}, given=given)
        if not isinstance(payload, str):
            doc.error = {"type": "malformed_input", "message": f"item {i} has no string 'text' or 'html'"}
            return doc
        return load_payload(doc, payload, kind, DEFAULT_MAX_BYTES)
    return RawDoc(f"item-{i}", {"path": None, "url": None, "line": None},
                  error={"type": "malformed_input", "message": f"item {i} is a {type(x).__name__}, not text"})
