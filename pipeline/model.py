"""The statistical extractor: a spaCy tok2vec + ner pipeline, and how it meets the rules.

Rules find what has a grammar (codes, numbers, titles with a lexicon head);
the model finds names and bodies that have none ("ông Hà Văn Thắng",
"Công ty TNHH Một thành viên Cao su Đắk Nông"). The model predicts only
PER, ORG and LOC.

Merge policy (deterministic, applied before the flat overlap resolution):

1. a model span with the same label and offsets as a rule span marks that
   rule span ``source = "both"``;
2. a model span that overlaps no rule span is added with ``source = "model"``;
3. a model span that overlaps a rule span is dropped: where both fire and
   disagree, the rule, whose errors we can read and fix, wins;
4. a model-only span must look like a proper name: it starts with a capital
   letter, and a PER has every syllable capitalised. Vietnamese writes
   names and bodies capitalised, so a lower-case model span is almost
   always a generic phrase ("cán bộ", "các xã"); this one cheap test
   removes most of the model's false positives on held-out articles;
5. a model-only span right after a numeral or a plural/quantifier word
   ("41 Đảng bộ", "các Đảng ủy", "mỗi xã") is dropped: Vietnamese marks a
   class that way, and the guidelines label only specific bodies and places.

So ``--no-model`` output equals the default output minus the model-only
spans (and with ``both`` read as ``rule``): the model can add, never change.

Models are loaded once per process, lazily, from ``models/<name>-<version>/``.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

import regex

from .spans import Span

MODEL_LABELS = ("PER", "ORG", "LOC")
DEFAULT_NAME = "vngov_ner"


def models_dir() -> Path:
    return Path(str(resources.files("pipeline"))).parent / "models"


def default_model_path() -> Path | None:
    """The newest ``models/vngov_ner-*`` folder, or None when none ships."""
    d = models_dir()
    if not d.is_dir():
        return None
    found = sorted((p for p in d.glob(f"{DEFAULT_NAME}-*") if (p / "meta.json").exists() and (p / "config.cfg").exists()),
                   key=lambda p: _version_key(p.name.rsplit("-", 1)[-1]))
    return found[-1] if found else None


def _version_key(v: str) -> tuple:
    return tuple(int(x) if x.isdigit() else 0 for x in v.split("."))


class NerModel:
    """A loaded spaCy pipeline that returns `Span`s like any rule family."""

    def __init__(self, nlp, path: Path | None = None):
        self.nlp = nlp
        self.path = path

    def find(self, text: str) -> list[Span]:
        doc = self.nlp(text)
        return [Span(e.label_, e.start_char, e.end_char, {}, "model") for e in doc.ents if e.label_ in MODEL_LABELS]

    def __reduce__(self):  # worker processes reload from disk instead of pickling the pipeline
        return (load, (str(self.path),))


@lru_cache(maxsize=4)
def load(path: str) -> NerModel:
    """Load a model folder once per process."""
    import spacy

    from .segment import register

    register()
    p = Path(path)
    if not (p / "config.cfg").exists():
        raise FileNotFoundError(f"not a model folder (no config.cfg): {p}")
    return NerModel(spacy.load(p), p)


def load_default(path: str | None = None) -> NerModel | None:
    """The model at `path`, else the shipped default, else None (rules only)."""
    if path:
        return load(str(Path(path).resolve()))
    p = default_model_path()
    return load(str(p)) if p else None


def merge(rule_spans: list[Span], model_spans: list[Span], text: str) -> list[Span]:
    """Combine rule and model spans by the policy in the module docstring."""

    def text_of(span: Span) -> str:
        return text[span.start:span.end]

    exact = {(s.label, s.start, s.end): s for s in rule_spans}
    out = list(rule_spans)
    for m in sorted(model_spans, key=lambda s: (s.start, s.end, s.label)):
        hit = exact.get((m.label, m.start, m.end))
        if hit is not None:
            hit.source = "both"
        elif (not any(m.overlaps(r) for r in rule_spans) and looks_like_name(text_of(m), m.label)
              and not _CLASS_MARKER.search(text, max(0, m.start - 20), m.start)):
            out.append(m)
    return out


_CLASS_MARKER = regex.compile(r"(?:(?<![\p{L}\d])(?:\d+|các|những|mỗi|từng|nhiều|một số|hai|ba|bốn)\s+)\Z", regex.IGNORECASE)


def looks_like_name(surface: str, label: str) -> bool:
    """Rule 4 of the merge policy: capitalised like a proper name."""
    words = surface.split()
    if not words or not words[0][:1].isupper():
        return False
    if label == "PER":
        return all(w[:1].isupper() for w in words)
    return True
