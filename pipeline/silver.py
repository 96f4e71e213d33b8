"""Weak supervision: the rules label unlabelled articles as *silver* annotations.

Silver teaches the model the contexts in which names and bodies occur, by
the thousand, at no annotation cost; the hand-checked gold then corrects
it. Silver lives apart from gold (``annotations/silver/``) and is never
used to score anything.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Iterator

from .record import dumps


def text_key(text: str) -> str:
    """Identity of an article's text, to keep gold articles out of silver whatever their ids."""
    import hashlib
    import unicodedata

    return hashlib.sha1(unicodedata.normalize("NFC", " ".join(text.split())).encode()).hexdigest()


def label(items: Iterable[dict], exclude: set[str] = frozenset()) -> Iterator[dict]:
    """Span records (annotation format) from corpus items ``{"id", "text", ...}``, rules only.

    Items whose id or text key (`text_key`) is in `exclude` are skipped.
    """
    from .core import extract_many

    docs = (x for x in items if str(x.get("id")) not in exclude and text_key(str(x.get("text", ""))) not in exclude)
    for art in extract_many(docs, model=None):
        if art.error or not art.entities:
            continue
        yield {"id": art.id, "meta": {k: art.meta.get(k) for k in ("title", "published", "authors")},
               "text": art.text, "source": "rules",
               "spans": [{"start": e.start, "end": e.end, "label": e.label, "text": art.text[e.start:e.end], **e.attrs}
                         for e in art.entities]}


def sample_corpus(path: Path, n: int, seed: int = 13, per_source: bool = True) -> list[dict]:
    """A reproducible sample of `n` corpus articles, spread over `source_repo`."""
    import random
    from collections import defaultdict

    pools = defaultdict(list)
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                d = json.loads(line)
                pools[d.get("source_repo") if per_source else ""].append(d)
    rng = random.Random(seed)
    keys = sorted(pools)
    out: list[dict] = []
    total = sum(len(v) for v in pools.values())
    for k in keys:
        share = max(1, round(n * len(pools[k]) / total))
        out.extend(rng.sample(pools[k], min(share, len(pools[k]))))
    out.sort(key=lambda d: str(d.get("id")))
    return out[:n]


def write(records: Iterable[dict], out: Path) -> int:
    out.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with open(out, "w", encoding="utf-8") as fh:
        for r in records:
            fh.write(dumps(r) + "\n")
            n += 1
    return n
