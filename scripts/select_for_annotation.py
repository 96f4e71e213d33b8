#!/usr/bin/env python3
"""Pick corpus articles for hand annotation: reproducible, spread over sources.

Usage: python scripts/select_for_annotation.py CORPUS.jsonl OUT_DIR [--seed 13]

Articles of 1,200–4,500 characters that speak of Party or state business
(at least three cue words) are drawn per source with a fixed seed, so the
training set covers district portals, baomoi and Dân trí alike, not just
the largest scrape. Writes OUT_DIR/<id>.txt and OUT_DIR/../selection.tsv.
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
CUES = ["Đảng", "Bí thư", "Chủ tịch", "UBND", "HĐND", "Huyện ủy", "Tỉnh ủy", "Thành ủy", "Nghị quyết", "Chỉ thị",
        "Kế hoạch", "đồng chí", "Quyết định", "Ủy ban"]


def slug(s: str) -> str:
    s = re.sub(r"[^A-Za-z0-9_-]+", "-", unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode())
    return s.strip("-")[:60]


def main() -> None:
    corpus, out = Path(sys.argv[1]), Path(sys.argv[2])
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 13
    pools = defaultdict(list)
    for line in open(corpus, encoding="utf-8"):
        d = json.loads(line)
        t = d["text"]
        if 1200 <= len(t) <= 4500 and sum(c in t for c in CUES) >= 3:
            pools[d["source_repo"]].append(d)
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for repo, n in QUOTA.items():
        pool = sorted(pools[repo], key=lambda d: d["id"])
        for d in rng.sample(pool, min(n, len(pool))):
            aid = slug(d["id"])
            (out / f"{aid}.txt").write_text(unicodedata.normalize("NFC", d["text"]), encoding="utf-8")
            rows.append((aid, d["source_repo"], d["source_path"], d.get("title") or ""))
    with open(out.parent / "selection.tsv", "w", encoding="utf-8") as fh:
        fh.write("id\tsource_repo\tsource_path\ttitle\n")
        for r in rows:
            fh.write("\t".join(x.replace("\t", " ") for x in r) + "\n")
    print(f"{len(rows)} articles written to {out}")


if __name__ == "__main__":
    main()
