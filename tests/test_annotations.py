"""The committed gold files are exactly what their drafts build to, and valid."""
import json
from pathlib import Path

import pytest

from pipeline.annotations import build_from_draft, read_jsonl

TRAIN = Path(__file__).resolve().parent.parent / "annotations" / "train"
TEST = TRAIN.parent / "test"
BATCHES = {"a": ["a"], "bc": ["bc"], "d": ["d1", "d2", "d3"], "e": ["e1", "e2", "e3", "e4"],
           "f": ["f1", "f2", "f3", "f4"], "g": ["g1", "g2", "g3", "g4"]}


@pytest.mark.parametrize("gold", [*BATCHES, "test"])
def test_gold_matches_drafts(gold):
    root = TEST if gold == "test" else TRAIN
    names = ["k", "l", "m", "n", "o", "t", "u", "v"] if gold == "test" else BATCHES[gold]
    ids = [i for b in names for i in (root / f"batch-{b}.txt").read_text(encoding="utf-8").split()]
    built = [build_from_draft(root / "drafts" / f"{i}.json") for i in ids]
    committed = list(read_jsonl([TEST / "gold.jsonl" if gold == "test" else TRAIN / f"gold-{gold}.jsonl"]))
    def dump(recs):
        return sorted(json.dumps(r, ensure_ascii=False, sort_keys=True) for r in recs)

    assert dump(built) == dump(committed)


def test_spans_are_flat_and_labelled():
    for rec in read_jsonl(sorted(TRAIN.glob("gold-*.jsonl")) + [TEST / "gold.jsonl"]):
        spans = sorted(rec["spans"], key=lambda s: s["start"])
        assert all(a["end"] <= b["start"] for a, b in zip(spans, spans[1:])), rec["id"]
        for s in spans:
            assert s["label"] in {"PER", "TITLE", "ORG", "LOC", "DOC", "NUM"}
            if s["label"] == "TITLE":
                assert s.get("holder"), (rec["id"], s)


def test_draft_surface_not_found_is_reported(tmp_path):
    d = tmp_path / "x.json"
    d.write_text(json.dumps({"id": "x", "text": "Huyện ủy họp.", "items": [["ORG", "Tỉnh ủy", {}]]}, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ValueError, match="not found"):
        build_from_draft(d)


def test_silver_is_valid_and_disjoint_from_gold():
    silver = list(read_jsonl(sorted((TRAIN.parent / "silver").glob("*.jsonl"))))
    assert len(silver) > 100
    gold = list(read_jsonl(sorted(TRAIN.glob("gold-*.jsonl")) + [TRAIN.parent / "dev.jsonl"]))
    gold_ids = {r["id"] for r in gold}
    gold_text = "\n".join(" ".join(r["text"].split()) for r in gold)
    # silver text is the cleaned article; its opening words must not be a gold article's
    leaks = [r["id"] for r in silver if r["id"] in gold_ids or " ".join(r["text"].split())[:200] in gold_text]
    assert not leaks


def test_test_set_is_disjoint_from_everything_trained_on():
    """The test articles measure unseen text only if no training file holds them, by id or by text."""
    test = list(read_jsonl([TEST / "gold.jsonl"]))
    assert len(test) == 39
    trained = list(read_jsonl(sorted(TRAIN.glob("gold-*.jsonl")) + sorted((TRAIN.parent / "silver").glob("*.jsonl"))))
    trained_ids = {r["id"] for r in trained}
    trained_text = "\n".join(" ".join(r["text"].split()) for r in trained)
    leaks = [r["id"] for r in test if r["id"] in trained_ids or " ".join(r["text"].split())[200:400] in trained_text]
    assert not leaks
