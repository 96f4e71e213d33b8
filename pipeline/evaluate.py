"""`vngov evaluate`: rules, model, merged pipeline and underthesea's NER, side by side.

Mentions are compared per article as bags of normalised surfaces (case,
tone marks and spacing folded), as the shared `score.py` does, so a
prediction counts whatever the cleaning did to offsets. Strict = same
label and same normalised surface.
"""
from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

from .annotations import read_jsonl
from .spans import LABELS, Span

EDGE = " \t\n.,;:!?()[]{}\"'“”‘’«»–-—…"
NER_LABELS = ("PER", "ORG", "LOC")


def norm(s: str) -> str:
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(s.casefold().split()).strip(EDGE)


def prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else (1.0 if not ngold else 0.0)
    r = tp / ngold if ngold else (1.0 if not npred else 0.0)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


class Tally:
    """Strict counts per label plus a confusion count of label swaps."""

    def __init__(self):
        self.c = defaultdict(Counter)
        self.confusion = Counter()

    def add(self, gold: list[tuple[str, str]], pred: list[tuple[str, str]]) -> None:
        for lab in LABELS:
            g = Counter(k for l, k in gold if l == lab)
            p = Counter(k for l, k in pred if l == lab)
            self.c[lab]["gold"] += sum(g.values())
            self.c[lab]["pred"] += sum(p.values())
            self.c[lab]["tp"] += sum((g & p).values())
        pred_by_key = defaultdict(Counter)
        for l, k in pred:
            pred_by_key[k][l] += 1
        for l, k in gold:
            if pred_by_key[k][l]:
                pred_by_key[k][l] -= 1
            else:
                other = next((ol for ol, n in pred_by_key[k].items() if n and ol != l), None)
                self.confusion[(l, other or "—")] += 1

    def f1(self, lab: str) -> tuple[float, float, float]:
        c = self.c[lab]
        return prf(c["tp"], c["pred"], c["gold"])


def _bag(text: str, spans) -> list[tuple[str, str]]:
    out = []
    for s in spans:
        if isinstance(s, Span):
            out.append((s.label, norm(text[s.start:s.end])))
        else:
            out.append((s["label"], norm(s["text"])))
    return out


def underthesea_spans(text: str, sentences: list[tuple[int, int]]) -> list[Span]:
    """underthesea.ner as spans with offsets (PER, ORG, LOC), sentence by sentence."""
    from underthesea import ner

    from .segment import _align

    out: list[Span] = []
    for s, e in sentences:
        toks = ner(text[s:e])
        offs = _align(text, [t[0] for t in toks], s)
        cur = None
        for (word, *_, tag), (ts, te) in zip(toks, offs):
            lab = tag[2:] if len(tag) > 2 else None
            if tag.startswith("B-") or (tag.startswith("I-") and (cur is None or cur.label != lab)):
                if cur is not None:
                    out.append(cur)
                cur = Span(lab, ts, te, {}, "underthesea") if lab in NER_LABELS else None
            elif tag.startswith("I-") and cur is not None:
                cur.end = te
            else:
                if cur is not None:
                    out.append(cur)
                cur = None
        if cur is not None:
            out.append(cur)
    return out


def evaluate(paths: list[Path], model_path: str | None = None, with_underthesea: bool = True, progress: bool = False) -> dict:
    from .core import extract
    from .model import load_default

    model = load_default(model_path)
    rows = {"rules": Tally()}
    if model is not None:
        rows["model"] = Tally()
        rows["merged"] = Tally()
    if with_underthesea:
        rows["underthesea.ner"] = Tally()
    n = 0
    for rec in read_jsonl(paths):
        n += 1
        gold = _bag(rec["text"], rec["spans"])
        art = extract(rec["text"], id=str(rec.get("id")), model=None)
        rows["rules"].add(gold, _bag(art.text, art.entities))
        if model is not None:
            rows["model"].add(gold, _bag(art.text, model.find(art.text, art.sentences)))
            merged = extract(rec["text"], id=str(rec.get("id")), model=model)
            rows["merged"].add(gold, _bag(merged.text, merged.entities))
        if with_underthesea:
            rows["underthesea.ner"].add(gold, _bag(art.text, underthesea_spans(art.text, art.sentences)))
    return {"articles": n, "rows": rows, "model": str(model.path) if model is not None else None}


def report(result: dict) -> str:
    rows = result["rows"]
    lines = [f"articles {result['articles']}; model: {result['model'] or 'none'}",
             f"{'system':<17}{'label':<7}{'P':>7}{'R':>7}{'F1':>7}{'gold':>6}{'pred':>6}"]
    for name, t in rows.items():
        labels = NER_LABELS if name in ("model", "underthesea.ner") else LABELS
        for lab in labels:
            p, r, f = t.f1(lab)
            lines.append(f"{name:<17}{lab:<7}{p:7.3f}{r:7.3f}{f:7.3f}{t.c[lab]['gold']:6}{t.c[lab]['pred']:6}")
    lines.append("")
    lines.append(f"{'strict F1':<17}" + "".join(f"{lab:>8}" for lab in NER_LABELS))
    for name, t in rows.items():
        lines.append(f"{name:<17}" + "".join(f"{t.f1(lab)[2]:8.3f}" for lab in NER_LABELS))
    best = rows.get("merged") or rows["rules"]
    if best.confusion:
        lines.append("")
        lines.append("missed gold mentions of the " + ("merged" if "merged" in rows else "rules") + " pipeline (gold label -> predicted label on the same surface):")
        for (g, p), k in best.confusion.most_common(12):
            lines.append(f"  {g:>5} -> {p:<5} {k}")
    return "\n".join(lines)
