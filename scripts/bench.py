#!/usr/bin/env python3
"""Throughput and peak memory of the pipeline, against baselines measured in the same run.

Usage:
    python scripts/bench.py [CORPUS.jsonl] [-n 500] [--no-model]

Rows: underthesea `word_tokenize` alone (the cost floor of any Vietnamese
pipeline) and `pipeline.extract_many` on the same articles, each in a fresh
child process so that peak RSS is its own. Syllables are whitespace-separated
tokens of the input text. Speed is reported, never asserted: timings belong
in this script, not in the test suite.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import resource
import sys
import time
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "raw_articles.jsonl"


def _load(path: Path, n: int) -> list[dict]:
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if len(out) >= n:
                break
            if line.strip():
                out.append(json.loads(line))
    return out


def _run(kind: str, path: str, n: int, no_model: bool, q) -> None:
    items = _load(Path(path), n)
    syl = sum(len(x.get("text", "").split()) for x in items)
    if kind == "underthesea word_tokenize":
        from underthesea import word_tokenize

        word_tokenize("khởi động")
        t = time.perf_counter()
        for x in items:
            word_tokenize(x["text"], use_token_normalize=False)
    else:
        import pipeline
        from pipeline.core import extract_many

        model = None
        if kind.endswith("+ model"):
            from pipeline.model import load_default

            model = load_default(None)
        pipeline.extract("Khởi động.", model=model)
        t = time.perf_counter()
        for _ in extract_many(items, model=model):  # model None = rules only
            pass
    dt = time.perf_counter() - t
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    q.put((kind, len(items), syl, dt, peak_mb))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    ap.add_argument("-n", type=int, default=500, help="articles to run (default 500)")
    ap.add_argument("--no-model", action="store_true", help="skip the row with the statistical model")
    args = ap.parse_args()
    if not Path(args.corpus).exists():
        print(f"bench: corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    kinds = ["underthesea word_tokenize", "pipeline (rules)"]
    if not args.no_model:
        try:
            from pipeline.model import default_model_path

            if default_model_path() is not None:
                kinds.append("pipeline (rules + model)")
        except ImportError:
            pass
    ctx = mp.get_context("spawn")
    print(f"{'what':<28}{'articles':>9}{'art/s':>9}{'syll/s':>10}{'peak MB':>9}")
    for kind in kinds:
        q = ctx.Queue()
        p = ctx.Process(target=_run, args=(kind.replace("pipeline (rules + model)", "pipeline + model"), args.corpus, args.n, args.no_model, q))
        p.start()
        res = q.get()
        p.join()
        _, n, syl, dt, peak = res
        print(f"{kind:<28}{n:>9}{n / dt:>9.1f}{syl / dt:>10.0f}{peak:>9.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
