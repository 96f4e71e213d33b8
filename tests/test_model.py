"""Annotations ↔ DocBin, a tiny training run, and the rules/model merge policy."""
import json
from pathlib import Path

import pytest

from pipeline.annotations import from_docbin, read_jsonl, to_docbin
from pipeline.model import merge
from pipeline.spans import Span

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "annotations" / "dev.jsonl"


@pytest.fixture(scope="module")
def nlp():
    import spacy

    from pipeline.segment import register

    register()
    return spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": "vngov.underthesea_tokenizer.v1"}}})


def test_annotations_round_trip_loses_no_span(nlp):
    recs = list(read_jsonl([DEV]))
    db = to_docbin(recs, nlp)
    from spacy.tokens import DocBin

    back = list(from_docbin(DocBin().from_bytes(db.to_bytes()), nlp))
    assert [r["id"] for r in back] == [r["id"] for r in recs]
    for a, b in zip(recs, back):
        assert a["text"] == b["text"] and a["spans"] == b["spans"]


def test_every_annotated_span_is_a_training_entity(nlp):
    recs = list(read_jsonl([DEV]))
    docs = list(to_docbin(recs, nlp, labels=["PER", "ORG", "LOC"]).get_docs(nlp.vocab))
    for rec, doc in zip(recs, docs):
        want = [(s["start"], s["end"], s["label"]) for s in rec["spans"] if s["label"] in ("PER", "ORG", "LOC")]
        assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == want


def test_a_broken_annotation_is_reported(tmp_path):
    p = tmp_path / "bad.jsonl"
    p.write_text(json.dumps({"id": "x", "text": "Huyện ủy", "spans": [{"start": 0, "end": 3, "label": "ORG", "text": "Huyện"}]},
                            ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 1"):
        list(read_jsonl([p]))


def test_merge_policy():
    text = "Huyện ủy họp, có 382 chi bộ; Lê Văn An và các xã."
    rules = [Span("ORG", 0, 8), Span("NUM", 17, 20)]
    model = [Span("ORG", 0, 8, source="model"), Span("PER", 29, 38, source="model"), Span("LOC", 5, 12, source="model"),
             Span("ORG", 42, 48, source="model")]
    out = merge(rules, model, text)
    assert text[29:38] == "Lê Văn An" and text[42:48] == "các xã"
    # exact agreement -> both; overlap with a rule -> dropped; lower-case generic phrase -> dropped
    assert [(s.label, s.start, s.source) for s in out] == [("ORG", 0, "both"), ("NUM", 17, "rule"), ("PER", 29, "model")]


def test_tiny_training_run_loads_and_extracts(tmp_path):
    from pipeline.model import load
    from pipeline.train import train

    out = train([DEV], [], output=tmp_path, version="0.0.test", max_steps=6)
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert meta["training_data"]["sha256"] and meta["libraries"]["spacy"]
    assert (out / "MODEL_CARD.md").exists()
    model = load(str(out))
    spans = model.find("Đồng chí Nguyễn Văn An làm việc tại huyện Chương Mỹ.")
    assert all(s.source == "model" and s.label in ("PER", "ORG", "LOC") for s in spans)
    import pipeline

    art = pipeline.extract("Đồng chí Nguyễn Văn An – Bí thư Huyện ủy làm việc tại huyện Chương Mỹ.", id="m", model=model)
    assert art.error is None


def test_no_model_differs_only_by_model_spans():
    from pipeline.model import load_default

    model = load_default(None)
    if model is None:
        pytest.skip("no shipped model")
    import pipeline

    text = DEV.read_text(encoding="utf-8").splitlines()[1]
    text = json.loads(text)["text"]
    with_model = pipeline.extract(text, id="x", model=model).to_dict()
    rules = pipeline.extract(text, id="x", model=None).to_dict()

    def key(e):
        return (e["label"], e["start"], e["end"], json.dumps(e["attrs"], sort_keys=True))

    assert sorted(key(e) for e in with_model["entities"] if e["source"] != "model") == sorted(key(e) for e in rules["entities"])
    assert all(e["source"] == "rule" for e in rules["entities"])


def test_merge_drops_model_spans_that_name_a_class():
    text = "Toàn huyện có 41 Đảng bộ, các Đảng ủy xã và Hội Nông dân Việt Nam."
    i, j, k = text.index("Đảng bộ"), text.index("Đảng ủy xã"), text.index("Hội Nông dân")
    model = [Span("ORG", i, i + 7, source="model"), Span("ORG", j, j + 10, source="model"),
             Span("ORG", k, len(text) - 1, source="model")]
    assert [text[s.start:s.end] for s in merge([], model, text)] == ["Hội Nông dân Việt Nam"]
