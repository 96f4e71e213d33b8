#!/usr/bin/env python3
"""Pick corpus articles for hand annotation: reproducible, spread over sources.

Usage: python scripts/select_for_annotation.py CORPUS.jsonl OUT_DIR [--seed 13]
           [--exclude SELECTION.tsv|RECORDS.jsonl ...] [--quota train|train2|train3|test|test2|test3]

Articles of 1,200–4,500 characters that speak of Party or state business
(at least three cue words) are drawn per source with a fixed seed, so the
training set covers district portals, baomoi and Dân trí alike, not just
the largest scrape. Writes OUT_DIR/<id>.txt and OUT_DIR/../selection.tsv.

A test batch must be disjoint from everything already annotated, so
``--exclude`` drops the ids of earlier selections before drawing (and, for
JSONL files, any article sharing over 10% of its sentences with one of their
texts: news sites retell a story with whole sentences copied), and
``--quota test`` draws the smaller held-out spread (24 articles; ``test2`` and
``test3``, 20 articles each, the later draws once the small portal pools ran dry), ``--quota
train2`` / ``train3`` later training rounds; an existing selection.tsv is extended,
not overwritten.
"""
import json
import random
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

QUOTA = {"magizbox/scraper": 18, "undertheseanlp/resources": 8, "NguyenQuocBao97/multiclass-text-classification": 5,
         "ewh-support/tuandaknong-dakrlap.daknong": 5, "ewh-support/krongno.daknong": 3, "ewh-support/thanhtra.daknong": 3,
         "ewh-support/ldld-1.daknong": 3, "ewh-support/stp.daknong": 3, "leduchuy20/crawl_news": 3}
QUOTAS = {
    "train": QUOTA,
    "train2": {"magizbox/scraper": 8, "undertheseanlp/resources": 4, "NguyenQuocBao97/multiclass-text-classification": 2,
               "ewh-support/tuandaknong-dakrlap.daknong": 2, "ewh-support/krongno.daknong": 1,
               "ewh-support/thanhtra.daknong": 1, "ewh-support/ldld-1.daknong": 1, "ewh-support/stp.daknong": 1,
               "leduchuy20/crawl_news": 1},
    "train3": {"magizbox/scraper": 14, "undertheseanlp/resources": 4, "NguyenQuocBao97/multiclass-text-classification": 2,
               "ewh-support/tuandaknong-dakrlap.daknong": 2, "ewh-support/krongno.daknong": 1,
               "ewh-support/thanhtra.daknong": 1, "ewh-support/ldld-1.daknong": 1, "ewh-support/stp.daknong": 1,
               "leduchuy20/crawl_news": 1},
    "test": {"magizbox/scraper": 9, "undertheseanlp/resources": 4, "NguyenQuocBao97/multiclass-text-classification": 3,
             "ewh-support/tuandaknong-dakrlap.daknong": 2, "ewh-support/krongno.daknong": 2,
             "ewh-support/thanhtra.daknong": 1, "ewh-support/ldld-1.daknong": 1, "ewh-support/stp.daknong": 1,
             "leduchuy20/crawl_news": 1},
    # second test draw: the small portal pools are used up by training and silver
    "test2": {"magizbox/scraper": 12, "undertheseanlp/resources": 5, "ewh-support/tuandaknong-dakrlap.daknong": 2,
              "leduchuy20/crawl_news": 1},
    "test3": {"magizbox/scraper": 13, "undertheseanlp/resources": 5, "ewh-support/tuandaknong-dakrlap.daknong": 1,
              "leduchuy20/crawl_news": 1},
}
CUES = ["Đảng", "Bí thư", "Chủ tịch", "UBND", "HĐND", "Huyện ủy", "Tỉnh ủy", "Thành ủy", "Nghị quyết", "Chỉ thị",
        "Kế hoạch", "đồng chí", "Quyết định", "Ủy ban"]


def slug(s: str) -> str:
    s = re.sub(r"[^A-Za-z0-9_-]+", "-", unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode())
    return s.strip("-")[:60]


def sentences(text: str) -> list[str]:
    """Sentences long enough to identify a story (over 40 characters), whitespace-normalised."""
    return [x for x in re.split(r"(?<=[.!?])\s+", " ".join(unicodedata.normalize("NFC", text).split())) if len(x) > 40]


def main() -> None:
    corpus, out = Path(sys.argv[1]), Path(sys.argv[2])
    args = sys.argv[3:]
    seed = int(args[args.index("--seed") + 1]) if "--seed" in args else 13
    quota = QUOTAS[args[args.index("--quota") + 1]] if "--quota" in args else QUOTA
    excluded, seen = set(), set()
    for i, a in enumerate(args):
        if a == "--exclude":
            with open(args[i + 1], encoding="utf-8") as fh:
                if args[i + 1].endswith(".jsonl"):  # silver or gold: ids and sentences of its records
                    for line in fh:
                        if line.strip():
                            rec = json.loads(line)
                            excluded.add(slug(rec["id"]))
                            seen |= set(sentences(rec.get("text", "")))
                else:
                    excluded |= {line.split("\t", 1)[0] for line in fh}
    pools = defaultdict(list)
    for line in open(corpus, encoding="utf-8"):
        d = json.loads(line)
        t = d["text"]
        if slug(d["id"]) in excluded:
            continue
        own = sentences(d["text"])
        if seen and own and sum(x in seen for x in own) > 0.1 * len(own):
            continue  # the same story retold: a rewrite shares whole sentences with an annotated article
        if 1200 <= len(t) <= 4500 and sum(c in t for c in CUES) >= 3:
            pools[d["source_repo"]].append(d)
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for repo, n in quota.items():
        pool = sorted(pools[repo], key=lambda d: d["id"])
        for d in rng.sample(pool, min(n, len(pool))):
            aid = slug(d["id"])
            (out / f"{aid}.txt").write_text(unicodedata.normalize("NFC", d["text"]), encoding="utf-8")
            rows.append((aid, d["source_repo"], d["source_path"], d.get("title") or ""))
    new = len(rows)
    table = out.parent / "selection.tsv"
    if table.exists():  # a later round adds to the record of earlier ones
        with open(table, encoding="utf-8") as fh:
            earlier = [tuple(line.rstrip("\n").split("\t")) for line in fh][1:]
        rows = earlier + [r for r in rows if r[0] not in {e[0] for e in earlier}]
    with open(table, "w", encoding="utf-8") as fh:
        fh.write("id\tsource_repo\tsource_path\ttitle\n")
        for r in rows:
            fh.write("\t".join(x.replace("\t", " ") for x in r) + "\n")
    print(f"{new} articles written to {out}; {table} lists {len(rows)}")


if __name__ == "__main__":
    main()
