"""Inputs (files, folders, JSONL, stdin) to a stream of raw documents.

A user points the tool at whatever the scraper left: a folder of `.txt` and
`.html` pages, a JSONL dump, or a pipe. Each input *article* becomes exactly
one `RawDoc`, and an input that cannot be read becomes a `RawDoc` carrying
the error, so the run never loses an article silently and never stops at
the first bad file. Nothing here reads more than one file at a time: the
stream stays flat in memory however large the corpus.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from .decode import DEFAULT_MAX_BYTES, DecodeError, decode_bytes, decode_text

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
JSONL_META = ("url", "title", "published", "authors")


@dataclass
class RawDoc:
    """One article as read, before any cleaning.

    `text` is NFC (decoded and, for HTML, reduced to its main content by
    trafilatura); `kind` says which of ``text``/``html`` it came from, and
    `given` holds metadata the input stated outright (JSONL fields, HTML
    ``<meta>``), which outranks what we infer from the text.
    """

    id: str
    source: dict
    text: str | None = None
    kind: str = "text"
    given: dict = field(default_factory=dict)
    hints: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    error: dict | None = None


class UsageError(Exception):
    """The command line names something that is not an input (exit code 2)."""


def iter_paths(inputs: Iterable[str]) -> Iterator[Path | str]:
    """Expand inputs to files in a stable (sorted) order; ``-`` is stdin."""
    for item in inputs:
        if item == "-":
            yield "-"
            continue
        p = Path(item)
        if p.is_dir():
            found = sorted(q for q in p.rglob("*") if q.is_file() and q.suffix.lower() in SUFFIXES)
            yield from found
        elif p.is_file():
            yield p
        else:
            raise UsageError(f"no such file or directory: {item}")


def stable_id(prefix: str, text: str) -> str:
    """An id derived from content, so reruns name the same article the same way."""
    digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{prefix}-{digest}" if prefix else digest


def _error(kind: str, message: str) -> dict:
    return {"type": kind, "message": message}


def html_to_text(html: str) -> tuple[str, dict]:
    """Main content of a page and the metadata its markup declares.

    trafilatura does the boilerplate removal we would otherwise hand-write
    (and get wrong) for each CMS; what it lets through is cleaned later by
    `pipeline.clean` like any text.
    """
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                      include_tables=True, favor_recall=True)
    if doc is None:
        return "", {}
    d = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    hints = {k: d.get(k) for k in ("title", "date", "author", "url") if d.get(k)}
    return d.get("text") or "", hints


def load_payload(doc: RawDoc, payload: bytes | str, kind: str, max_bytes: int) -> RawDoc:
    """Decode `payload` into `doc.text` or record why it cannot be."""
    try:
        if isinstance(payload, bytes):
            dec = decode_bytes(payload, max_bytes=max_bytes)
        else:
            if len(payload.encode("utf-8", "surrogatepass")) > max_bytes:
                raise DecodeError("too_large", f"text is over the limit of {max_bytes:,} bytes (raise it with --max-bytes)")
            dec = decode_text(payload)
        doc.notes.extend(dec.notes)
        text = dec.text
        if kind == "html":
            text, doc.hints = html_to_text(text)
            if not text.strip():
                raise DecodeError("empty", "the page has no main text that could be extracted")
            text = decode_text(text).text
        doc.text, doc.kind = text, kind
    except DecodeError as e:
        doc.error = _error(e.kind, str(e))
    return doc


def _read_file(path: Path, max_bytes: int) -> bytes:
    size = path.stat().st_size
    if size > max_bytes:
        raise DecodeError("too_large", f"file is {size:,} bytes, over the limit of {max_bytes:,} (raise it with --max-bytes)")
    return path.read_bytes()


def read_jsonl_lines(lines: Iterable[bytes], name: str, path: str, max_bytes: int) -> Iterator[RawDoc]:
    """One RawDoc per non-blank JSONL line; a broken line is an error record naming its number."""
    for lineno, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        source = {"path": path, "line": lineno, "url": None}
        fallback_id = f"{name}:{lineno}"
        try:
            obj = json.loads(raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw)
        except (UnicodeDecodeError, ValueError) as e:
            yield RawDoc(fallback_id, source, error=_error("malformed_jsonl", f"{path} line {lineno}: not valid JSON ({e})"))
            continue
        if not isinstance(obj, dict):
            yield RawDoc(fallback_id, source, error=_error("malformed_jsonl", f"{path} line {lineno}: expected a JSON object, got {type(obj).__name__}"))
            continue
        payload, kind = obj.get("text"), "text"
        if payload is None and obj.get("html") is not None:
            payload, kind = obj.get("html"), "html"
        rid = obj.get("id")
        rid = str(rid) if rid not in (None, "") else (stable_id(name, payload) if isinstance(payload, str) else fallback_id)
        source["url"] = obj.get("url") if isinstance(obj.get("url"), str) else None
        given = {k: obj[k] for k in JSONL_META if obj.get(k) not in (None, "", [])}
        if "published" not in given and isinstance(obj.get("date"), str) and obj["date"]:
            given["published"] = obj["date"]
        doc = RawDoc(rid, source, given=given)
        if not isinstance(payload, str):
            what = "has neither a 'text' nor an 'html' field" if payload is None else f"'{kind}' is {type(payload).__name__}, not a string"
            doc.error = _error("malformed_jsonl", f"{path} line {lineno}: {what}")
            yield doc
            continue
        yield load_payload(doc, payload, kind, max_bytes)


def read_inputs(inputs: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES, stdin=None) -> Iterator[RawDoc]:
    """Stream every article of every input, errors included, ids made unique."""
    seen: dict[str, int] = {}
    for doc in _read_all(inputs, max_bytes, stdin):
        n = seen.get(doc.id, 0)
        seen[doc.id] = n + 1
        if n:
            doc.id = f"{doc.id}~{n + 1}"
        yield doc


def _read_all(inputs: Iterable[str], max_bytes: int, stdin) -> Iterator[RawDoc]:
    for path in iter_paths(inputs):
        if path == "-":
            yield from _read_stdin(stdin or sys.stdin.buffer, max_bytes)
            continue
        suffix = path.suffix.lower()
        spath = os.fspath(path)
        if suffix in JSONL_SUFFIXES:
            try:
                with open(path, "rb") as fh:
                    yield from read_jsonl_lines(fh, path.stem, spath, max_bytes)
            except OSError as e:
                yield RawDoc(path.stem, {"path": spath, "url": None}, error=_error("unreadable", f"{spath}: {e.strerror or e}"))
            continue
        kind = "html" if suffix in HTML_SUFFIXES else "text"
        doc = RawDoc(path.stem, {"path": spath, "url": None})
        try:
            payload = _read_file(path, max_bytes)
        except DecodeError as e:
            doc.error = _error(e.kind, str(e))
            yield doc
            continue
        except OSError as e:
            doc.error = _error("unreadable", f"{spath}: {e.strerror or e}")
            yield doc
            continue
        yield load_payload(doc, payload, kind, max_bytes)


def _read_stdin(stream, max_bytes: int) -> Iterator[RawDoc]:
    """stdin is JSONL when its first non-blank byte opens an object, else one text."""
    data = stream.read(max_bytes + 1)
    head = data.lstrip()[:1]
    if head == b"{":
        yield from read_jsonl_lines(data.splitlines(), "stdin", "<stdin>", max_bytes)
        return
    kind = "html" if data.lstrip()[:1] == b"<" else "text"
    yield load_payload(RawDoc("stdin", {"path": "<stdin>", "url": None}), data, kind, max_bytes)
