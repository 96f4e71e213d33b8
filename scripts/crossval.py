#!/usr/bin/env python3
"""K-fold cross-validation of the statistical extractor over the training gold.

Usage: python scripts/crossval.py [-k 4] [--workers 2] [--max-steps N] [--underthesea] [--keep DIR]

Why: the held-out test set has 20 articles (about 140 PER mentions), so a
single article moves its F1 by a point. Cross-validation scores every
training article once, with a model that never trained on it: each fold
trains with the shipped config (`pipeline/data/ner.cfg`) on the other folds
plus silver, then `vngov evaluate` scores rules, model and merged pipeline
on the held fold; the counts are pooled over folds. Folds are fixed by a
hash of the article id, so reruns give the same split.

The rules were tuned on some of these articles (gold-bc, see
annotations/README.md), so the rules row is optimistic and the comparison
is harder for the model than on unseen text.
"""
from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from pipeline.annotations import read_jsonl
from pipeline.evaluate import Tally, evaluate, report
from pipeline.train import default_sources, train


def fold_of(article_id: str, k: int) -> int:
    return int(hashlib.sha1(article_id.encode("utf-8")).hexdigest(), 16) % k


def run_fold(fold: int, k: int, gold: list[dict], silver: list[Path], max_steps: int | None, underthesea: bool,
             config: Path | None = None, keep: Path | None = None) -> dict:
    with contextlib.ExitStack() as stack:
        if keep is None:
            tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix=f"vngov-cv{fold}-")))
        else:  # fold models and held-out articles stay for error analysis
            tmp = keep / f"fold{fold}"
            tmp.mkdir(parents=True, exist_ok=True)
        held = [r for r in gold if fold_of(str(r["id"]), k) == fold]
        rest = [r for r in gold if fold_of(str(r["id"]), k) != fold]
        train_text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rest)
        same_data = (tmp / "train.jsonl").exists() and (tmp / "train.jsonl").read_text(encoding="utf-8") == train_text
        (tmp / "train.jsonl").write_text(train_text, encoding="utf-8")
        (tmp / "held.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in held), encoding="utf-8")
        kept = sorted((tmp / "models").glob("*/meta.json")) if keep is not None and same_data else []
        if kept:  # same training data: merge-policy changes re-score in a minute instead of an hour of training
            model = kept[-1].parent
            print(f"fold {fold}: reusing {model}", file=sys.stderr)
        else:
            with contextlib.redirect_stdout(sys.stderr):  # spaCy's training log is not the report
                model = train([tmp / "train.jsonl"], silver, output=tmp / "models", max_steps=max_steps, quiet=True,
                              config=config)
        result = evaluate([tmp / "held.jsonl"], model_path=str(model), with_underthesea=underthesea)
    print(f"fold {fold}: {len(held)} held out, {len(rest)} trained on", file=sys.stderr)
    return result


def pool(results: list[dict]) -> dict:
    rows: dict[str, Tally] = {}
    for res in results:
        for name, t in res["rows"].items():
            acc = rows.setdefault(name, Tally())
            for lab, counts in t.c.items():
                acc.c[lab].update(counts)
            acc.confusion.update(t.confusion)
    return {"articles": sum(r["articles"] for r in results), "rows": rows,
            "model": f"{len(results)} cross-validation models"}


def main() -> None:
    ap = argparse.ArgumentParser(description="K-fold cross-validation of rules vs model vs merged over annotations/train.")
    ap.add_argument("-k", type=int, default=4, help="number of folds (default 4)")
    ap.add_argument("--workers", type=int, default=1, help="folds trained in parallel (one core each)")
    ap.add_argument("--max-steps", type=int, default=None, help="training steps per fold (default: the config's)")
    ap.add_argument("--underthesea", action="store_true", help="add underthesea.ner's row")
    ap.add_argument("--config", type=Path, default=None, help="spaCy config (default pipeline/data/ner.cfg)")
    ap.add_argument("--keep", type=Path, default=None,
                    help="keep each fold's model and held-out articles in DIR/fold<N>/ (default: a temporary folder); "
                         "a model already kept there is reused, not retrained")
    args = ap.parse_args()
    src = default_sources()
    gold = list(read_jsonl(src["gold"]))
    jobs = [(f, args.k, gold, src["silver"], args.max_steps, args.underthesea, args.config, args.keep) for f in range(args.k)]
    with ProcessPoolExecutor(max_workers=args.workers) as ex:
        results = list(ex.map(run_fold, *zip(*jobs)))
    print(report(pool(results)))


if __name__ == "__main__":
    main()
