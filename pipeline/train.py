"""`vngov train`: annotations in, a versioned spaCy model folder out.

The training set is the hand-checked gold of ``annotations/train`` plus the
rule-labelled silver of ``annotations/silver`` (weak supervision: the rules
label unlabelled articles so the model sees thousands of names in context,
and the gold teaches it what the rules miss). Silver is read as *partial*
annotation: capitalised runs the rules left unlabelled are "unknown", not
"no entity" (`silver_unknowns`), so the model does not learn the rules'
blind spots as negatives. A fixed slice of the gold
(every ``DEV_EVERY``-th article by id) is spaCy's dev set for model
selection. ``annotations/dev.jsonl`` is never trained on: it is what
`vngov evaluate` reports on.

The output folder ``models/<name>-<version>/`` carries ``meta.json``
(training-data hash, library versions, scores) and ``MODEL_CARD.md``.
"""
from __future__ import annotations

import json
import platform
import shutil
import tempfile
import time
from pathlib import Path

from .annotations import ATTR_KEY, files_hash, read_jsonl, to_docbin
from .model import DEFAULT_NAME, MODEL_LABELS, models_dir
from .resources import data_path

DEV_EVERY = 8
# Gold articles are repeated in the training set: a hand-checked span should
# weigh more than a rule-labelled one, and spaCy's corpus has no weights.
GOLD_REPEAT = 3
# How silver articles mark the tokens outside every rule span (see `silver_unknowns`):
# "outside" trusts the rules' negatives, "capitalised" leaves capitalised runs unknown,
# "missing" leaves every token outside a rule span unknown.
SILVER_UNKNOWN = "capitalised"
# Lower-case words bridged inside a capitalised run ("Sở Tài nguyên và Môi trường").
BRIDGE = 3


def annotations_dir() -> Path:
    return models_dir().parent / "annotations"


def default_sources() -> dict[str, list[Path]]:
    root = annotations_dir()
    return {"gold": sorted((root / "train").glob("*.jsonl")), "silver": sorted((root / "silver").glob("*.jsonl"))}


def split(records: list[dict]) -> tuple[list[dict], list[dict]]:
    """Deterministic train/dev split of the gold: every DEV_EVERY-th article by id."""
    ordered = sorted(records, key=lambda r: str(r.get("id")))
    dev = [r for i, r in enumerate(ordered) if i % DEV_EVERY == DEV_EVERY - 1]
    train = [r for i, r in enumerate(ordered) if i % DEV_EVERY != DEV_EVERY - 1]
    return train, dev


def train(gold: list[Path], silver: list[Path], output: Path | None = None, name: str = DEFAULT_NAME,
          version: str | None = None, max_steps: int | None = None, seed: int | None = None,
          config: Path | None = None, silver_limit: int | None = None, quiet: bool = False) -> Path:
    """Train and package a model; returns its folder."""
    import spacy
    from spacy.cli.train import train as spacy_train

    from . import __version__
    from .segment import register

    register()
    if not gold:
        raise ValueError("no gold annotation files to train on")
    gold_recs = list(read_jsonl(gold))
    silver_recs = list(read_jsonl(silver))
    if silver_limit is not None:
        silver_recs = silver_recs[:silver_limit]
    tr, dv = split(gold_recs)
    if not dv:
        dv = tr[-1:]
    version = version or __version__
    out_dir = Path(output or models_dir()) / f"{name}-{version}"
    cfg_path = Path(config) if config else Path(str(data_path("ner.cfg")))
    overrides = {}
    if max_steps is not None:
        overrides["training.max_steps"] = max_steps
        overrides["training.eval_frequency"] = max(1, min(200, max_steps // 2))
    if seed is not None:
        overrides["system.seed"] = seed
    started = time.time()
    with tempfile.TemporaryDirectory(prefix="vngov-train-") as tmp:
        tmp = Path(tmp)
        nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": "vngov.underthesea_tokenizer.v1"}}})
        train_db = to_docbin(tr * GOLD_REPEAT, nlp, MODEL_LABELS)
        for doc in to_docbin(silver_recs, nlp, MODEL_LABELS).get_docs(nlp.vocab):
            train_db.add(silver_unknowns(doc, SILVER_UNKNOWN))
        train_db.to_disk(tmp / "train.spacy")
        to_docbin(dv, nlp, MODEL_LABELS).to_disk(tmp / "dev.spacy")
        overrides.update({"paths.train": str(tmp / "train.spacy"), "paths.dev": str(tmp / "dev.spacy")})
        spacy_train(cfg_path, tmp / "out", overrides=overrides, use_gpu=-1)
        best = tmp / "out" / "model-best"
        if out_dir.exists():
            shutil.rmtree(out_dir)
        shutil.copytree(best, out_dir)
    meta = _write_meta(out_dir, name, version, gold, silver, len(tr), len(dv), len(silver_recs), cfg_path, time.time() - started)
    _write_card(out_dir, meta)
    return out_dir


def silver_unknowns(doc, mode: str = SILVER_UNKNOWN):
    """Mark where a silver article's rules are silent as *unknown*, not as "no entity".

    Silver spans are the rules' output: what they label is mostly right, but
    what they leave unlabelled is not evidence of "no entity" — it is exactly
    their blind spot (a name without "đồng chí", a body without a lexicon
    head). Trained as "outside", those tokens teach the model to copy the
    rules' misses. Vietnamese capitalises names and bodies, so a capitalised
    run outside every rule span ("ông Hà Văn Thắng", "Công ty Cao su Đắk
    Nông") is left unknown (no loss either way), with up to ``BRIDGE``
    lower-case words inside it ("Sở Tài nguyên và Môi trường"); lower-case
    text stays "outside", as the rules' negatives there are reliable.
    """
    if mode == "outside":
        return doc
    # tokens under any rule span (a TITLE, a DOC code too) are known: the rules read them
    ruled = [doc.char_span(s["start"], s["end"], alignment_mode="expand") for s in doc.user_data.get(ATTR_KEY, [])]
    covered = {i for e in list(doc.ents) + [r for r in ruled if r is not None] for i in range(e.start, e.end)}
    if mode == "missing":
        unknown = [i for i in range(len(doc)) if i not in covered]
    else:
        unknown, run, gap = [], [], []
        for tok in doc:
            if tok.i in covered or not tok.text[:1].isalpha():
                unknown += run
                run, gap = [], []
            elif tok.text[:1].isupper():
                run += gap + [tok.i]
                gap = []
            elif run and len(gap) < BRIDGE:
                gap.append(tok.i)
            else:
                unknown += run
                run, gap = [], []
        unknown += run
    missing = [doc[i:i + 1] for i in unknown]
    doc.set_ents(list(doc.ents), missing=missing, default="outside")
    return doc


def _write_meta(out_dir: Path, name: str, version: str, gold, silver, n_train, n_dev, n_silver, cfg_path, seconds) -> dict:
    import spacy
    import thinc
    import underthesea

    spacy_meta = json.loads((out_dir / "meta.json").read_text(encoding="utf-8"))
    perf = spacy_meta.get("performance") or {}
    meta = {
        "name": name,
        "version": version,
        "lang": "vi",
        "labels": list(MODEL_LABELS),
        "pipeline": spacy_meta.get("pipeline"),
        "training_data": {
            "sha256": files_hash(list(gold) + list(silver)),
            "gold_files": [Path(p).name for p in gold],
            "silver_files": [Path(p).name for p in silver],
            "gold_train_articles": n_train,
            "gold_dev_articles": n_dev,
            "silver_articles": n_silver,
            "gold_repeat": GOLD_REPEAT,
            "silver_unknown": SILVER_UNKNOWN,
        },
        "config": Path(cfg_path).name,
        "libraries": {"spacy": spacy.__version__, "thinc": thinc.__version__,
                      "underthesea": getattr(underthesea, "__version__", "unknown"),
                      "python": platform.python_version()},
        "scores_on_gold_dev_slice": {k: v for k, v in perf.items() if k.startswith("ents")},
        "train_seconds": round(seconds, 1),
        "spacy_meta": spacy_meta,
    }
    (out_dir / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return meta


def _write_card(out_dir: Path, meta: dict) -> None:
    per = meta["scores_on_gold_dev_slice"].get("ents_per_type") or {}
    rows = "\n".join(f"| {lab} | {v.get('p', 0):.3f} | {v.get('r', 0):.3f} | {v.get('f', 0):.3f} |" for lab, v in sorted(per.items()))
    td = meta["training_data"]
    card = f"""# {meta['name']} {meta['version']}

Vietnamese named-entity model (PER, ORG, LOC) for government and Party news,
part of vngov-ie. spaCy `tok2vec` + `ner` over the project's underthesea
tokenizer (`vngov.underthesea_tokenizer.v1`), trained on the CPU.

## Intended use
Finding persons, organisations and places that the rule extractors miss
(names without "đồng chí", bodies without a lexicon head). Inside
`pipeline.extract` it only *adds* spans that overlap no rule span; see
`pipeline/model.py` for the merge policy. Not meant for other domains.

## Training data
- gold: {', '.join(td['gold_files'])} — {td['gold_train_articles']} articles trained on, {td['gold_dev_articles']} held out for model selection
- silver (rule-labelled, weak supervision): {', '.join(td['silver_files']) or 'none'} — {td['silver_articles']} articles;
  tokens outside rule spans read as `{td.get('silver_unknown')}` (see `pipeline.train.silver_unknowns`); gold repeated {td['gold_repeat']}x
- sha256 of the annotation files: `{td['sha256']}`
- `annotations/dev.jsonl` (the five shared dev articles) is never trained on.

## Scores on the held-out gold slice (strict, spaCy scorer)
| label | P | R | F1 |
|---|---|---|---|
{rows}

The held-out slice served for model selection. For articles nothing was
tuned on, `vngov evaluate annotations/test/gold.jsonl --model <this folder>`
scores the rules, the model, the merged pipeline and underthesea's NER side
by side on the 20 test articles (`annotations/README.md`, *Splits*).

## Reproduce
`vngov train` (config `pipeline/data/{meta['config']}`, seed fixed there).
Libraries: {', '.join(f'{k} {v}' for k, v in meta['libraries'].items())}. Training took {meta['train_seconds']} s.

## Limits
Trained on a few dozen hand-checked articles plus rule output: it inherits
the rules' blind spots on silver data, and scores on a few hundred mentions
move by a few points between seeds and data rounds. Check a sample of its
spans before relying on them.
"""
    (out_dir / "MODEL_CARD.md").write_text(card, encoding="utf-8")
