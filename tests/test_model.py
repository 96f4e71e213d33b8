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
    text = "Huyện ủy họp, có 382 chi bộ; ông Lê Văn An và các xã."
    rules = [Span("ORG", 0, 8), Span("NUM", 17, 20)]
    i, j = text.index("Lê Văn An"), text.index("các xã")
    model = [Span("ORG", 0, 8, source="model"), Span("PER", i, i + 9, source="model"), Span("LOC", 5, 12, source="model"),
             Span("ORG", j, j + 6, source="model")]
    out = merge(rules, model, text)
    # exact agreement -> both; overlap with a rule -> dropped; lower-case generic phrase -> dropped
    assert [(s.label, s.start, s.source) for s in out] == [("ORG", 0, "both"), ("NUM", 17, "rule"), ("PER", i, "model")]


def _added(text, model_spans, rules=()):
    return [(s.label, text[s.start:s.end]) for s in merge(list(rules), model_spans, text) if s.source == "model"]


def _span(text, label, surface, nth=0):
    i = -1
    for _ in range(nth + 1):
        i = text.index(surface, i + 1)
    return Span(label, i, i + len(surface), source="model")


def test_merge_drops_a_lone_capital_at_a_sentence_start():
    text = "Công trình cao 4m. Tượng được đặt ở quảng trường. Sông Đà chảy qua tỉnh."
    model = [_span(text, "PER", "Tượng"), _span(text, "LOC", "Sông Đà")]
    assert _added(text, model) == [("LOC", "Sông Đà")]


def test_merge_one_word_person_needs_an_honorific():
    text = "Dự án nước sạch của Vinaconex bị chậm, ông Công cho biết."
    model = [_span(text, "PER", "Vinaconex"), _span(text, "PER", "Công")]
    assert _added(text, model) == [("PER", "Công")]


def test_merge_person_named_place_is_no_person():
    text = "Xe đi qua cầu Trần Thị Lý rồi tới trường."
    assert _added(text, [_span(text, "PER", "Trần Thị Lý")]) == []


def test_merge_place_name_after_a_lower_case_honorific_is_a_person():
    text = "Sau đó, ông Vinh gọi điện về Vinh cho vợ."
    model = [_span(text, "PER", "Vinh"), _span(text, "PER", "Vinh", 1)]
    assert _added(text, model) == [("PER", "Vinh")]
    assert merge([], model, text)[0].start == text.index("Vinh")


def test_merge_vietnamese_person_needs_confirmation_foreign_name_a_title_in_its_clause():
    text = "Hội nghị ở trụ sở Liên Hợp Quốc có Chủ tịch Liên minh Toshihiro Nakai và Lê Văn An. Lê Văn An phát biểu sau."
    rules = [Span("PER", text.index("Lê Văn An"), text.index("Lê Văn An") + 9)]
    model = [_span(text, "PER", "Liên Hợp Quốc"), _span(text, "PER", "Toshihiro Nakai"), _span(text, "PER", "Lê Văn An", 1)]
    assert _added(text, model, rules) == [("PER", "Toshihiro Nakai"), ("PER", "Lê Văn An")]


def test_merge_foreign_place_after_a_place_preposition_is_no_person():
    text = "Hội nghị họp tại Kuala Lumpur; Tổng Giám đốc WHO gặp Thủ tướng Mark Rutte."
    model = [_span(text, "PER", "Kuala Lumpur"), _span(text, "PER", "WHO"), _span(text, "PER", "Mark Rutte")]
    assert _added(text, model) == [("PER", "Mark Rutte")]


def test_merge_trims_an_honorific_off_a_model_person():
    text = "Tiếp đó, Ngài Edano Yukio đánh giá cao quan hệ hai Đảng."
    added = merge([], [_span(text, "PER", "Ngài Edano Yukio")], text)
    assert [(s.label, text[s.start:s.end], s.source) for s in added] == [("PER", "Edano Yukio", "model")]


def test_merge_body_must_be_shaped_like_a_name():
    text = ("Bộ đã cử đoàn kiểm tra. Vốn đầu tư trực tiếp nước ngoài (FDI) tăng; "
            "Liên minh Nghị viện Thế giới (IPU) họp với Viện Pasteur.")
    body = text.index("Liên minh")
    rules = [Span("ORG", body, body + len("Liên minh Nghị viện Thế giới"))]
    model = [_span(text, "ORG", "Bộ đã"), _span(text, "ORG", "FDI"), _span(text, "ORG", "IPU"),
             _span(text, "ORG", "Viện Pasteur")]
    assert _added(text, model, rules) == [("ORG", "IPU"), ("ORG", "Viện Pasteur")]


def test_merge_facility_or_direction_is_no_place():
    text = "Lễ hội ở Công viên Gia Định, phía Bắc sông Đà, gần Sông Giồng."
    model = [_span(text, "LOC", "Công viên Gia Định"), _span(text, "LOC", "Bắc"), _span(text, "LOC", "Sông Giồng")]
    assert _added(text, model) == [("LOC", "Sông Giồng")]


def test_merge_foreign_name_without_a_title_is_no_person():
    text = "Theo trang mạng Asia Sentinel, Thủ tướng CH Séc Bohuslav Sobotka sẽ sang thăm."
    model = [_span(text, "PER", "Asia Sentinel"), _span(text, "PER", "Bohuslav Sobotka")]
    assert _added(text, model) == [("PER", "Bohuslav Sobotka")]


def test_merge_honours_documents_letters_and_listed_classes_are_no_bodies():
    text = ("Ông được tặng Huân chương Lao động hạng nhất; theo Luật Giá, biển số mang chữ F. "
            "Các Sở, Ban, ngành và Tập đoàn Vingroup dự.")
    model = [_span(text, "ORG", "Huân chương Lao động hạng"), _span(text, "LOC", "Luật Giá"),
             _span(text, "ORG", "F"), _span(text, "ORG", "Ban"), _span(text, "ORG", "Tập đoàn Vingroup")]
    assert _added(text, model) == [("ORG", "Tập đoàn Vingroup")]


def test_merge_body_headed_by_a_zone_word_is_a_place():
    text = "Huyện ủy chỉ đạo giải phóng mặt bằng KCN Phú Vinh."
    rules = [Span("ORG", 0, len("Huyện ủy"))]
    model = [_span(text, "ORG", "Huyện ủy"), _span(text, "ORG", "KCN Phú Vinh")]
    out = merge(rules, model, text)
    assert [(s.label, text[s.start:s.end], s.source) for s in out] == [
        ("ORG", "Huyện ủy", "both"), ("LOC", "KCN Phú Vinh", "model")]


def test_merge_place_keeps_its_type_word():
    text = "Xe lên cầu Trần Thị Lý, sang thủ đô Viêng Chăn, về sân bay Tân Sơn Nhất."
    model = [_span(text, "LOC", "Trần Thị Lý"), _span(text, "LOC", "Viêng Chăn"), _span(text, "LOC", "Tân Sơn Nhất")]
    assert _added(text, model) == [("LOC", "cầu Trần Thị Lý"), ("LOC", "thủ đô Viêng Chăn"), ("LOC", "Tân Sơn Nhất")]


def test_merge_positions_delegations_coordinates_codes_and_quotes_are_no_bodies():
    text = ("Hôm qua, Đoàn công tác gặp Cục trưởng tại 10,6 độ Vĩ Bắc trong vụ Hè Thu; ca BN2899 dự đại hội lần thứ XIV "
            "và Tháng hành động \"Vì An toàn thực phẩm\" của các đơn vị thuộc Bộ. Đội QLTT 12B kiểm tra.")
    model = [_span(text, "ORG", "Đoàn công tác"), _span(text, "ORG", "Cục trưởng"), _span(text, "LOC", "Vĩ Bắc"),
             _span(text, "LOC", "Hè Thu"), _span(text, "ORG", "BN2899"), _span(text, "LOC", "XIV"),
             _span(text, "ORG", "Vì An toàn"), _span(text, "ORG", "Bộ."), _span(text, "ORG", "Đội QLTT 12B")]
    assert _added(text, model) == [("ORG", "Đội QLTT 12B")]


def test_merge_sectors_forces_desks_terms_professions_and_document_names_are_no_bodies():
    text = ("Cán bộ Ngành Công thương và LLVT Hà Tĩnh đến BPMC của UBND huyện; Nhà thiết kế Việt Hùng "
            "dự Đại hội (Khóa VIII) bàn Luật Biểu tình và ngành KH&CN thành phố, học Tiếng Anh. Tập đoàn Vingroup tài trợ.")
    model = [_span(text, "ORG", "Ngành Công thương"), _span(text, "ORG", "LLVT Hà Tĩnh"), _span(text, "ORG", "BPMC"),
             _span(text, "ORG", "Nhà thiết kế Việt Hùng"), _span(text, "ORG", "Khóa VIII"),
             _span(text, "ORG", "Biểu tình"), _span(text, "ORG", "KH&CN thành phố"), _span(text, "ORG", "Tiếng Anh"),
             _span(text, "ORG", "Tập đoàn Vingroup")]
    assert _added(text, model) == [("ORG", "Tập đoàn Vingroup")]


def test_merge_descriptions_and_pieces_of_quoted_titles_are_no_bodies():
    text = ("Tượng đặt trước Trung tâm hành chính quận; diễn đàn “Vành đai và Con đường” họp; "
            "đoàn thăm Trung tâm Báo chí Quốc tế, Tổng cục và hợp tác xã “Thành Công”.")
    model = [_span(text, "ORG", "Trung tâm hành chính"), _span(text, "ORG", "Con đường"),
             _span(text, "ORG", "Trung tâm Báo chí Quốc tế"), _span(text, "ORG", "Tổng cục"),
             _span(text, "ORG", "Thành Công")]
    assert _added(text, model) == [("ORG", "Trung tâm Báo chí Quốc tế"), ("ORG", "Tổng cục"), ("ORG", "Thành Công")]


def test_merge_a_source_or_a_holiday_is_no_place():
    text = "Dân vui đón Tết Nguyên Đán ở Minsk. Theo Reuters, Belarus mở cửa."
    model = [_span(text, "LOC", "Tết Nguyên Đán"), _span(text, "LOC", "Minsk"), _span(text, "LOC", "Reuters"),
             _span(text, "LOC", "Belarus")]
    assert _added(text, model) == [("LOC", "Minsk"), ("LOC", "Belarus")]


def test_merge_keeps_one_sense_per_article():
    text = "Đường Ngô Quyền dài 2 km. Phía nam Ngô Quyền có chợ."
    rules = [Span("LOC", 6, 15)]
    assert _added(text, [_span(text, "PER", "Ngô Quyền", 1)], rules) == []


def test_silver_leaves_capitalised_runs_unknown(nlp):
    from spacy.tokens import Doc, Span as SpacySpan

    from pipeline.train import silver_unknowns

    def silver(mode):
        words = ["Ông", "Nguyễn Văn An", "làm việc", "với", "Ủy ban", "nhân dân", "Phường", "Tân An", "tại", "trụ sở", "."]
        doc = Doc(nlp.vocab, words=words)
        doc.ents = [SpacySpan(doc, 1, 2, label="PER")]
        return {t.text: t.ent_iob_ for t in silver_unknowns(doc, mode)}

    iob = silver("capitalised")
    assert iob["Nguyễn Văn An"] == "B"
    # the rules' blind spot (a capitalised body, "nhân dân" bridged inside it) is unknown ("")
    assert [iob[w] for w in ("Ông", "Ủy ban", "nhân dân", "Phường", "Tân An")] == [""] * 5
    # lower-case words outside it stay "outside"
    assert [iob[w] for w in ("làm việc", "với", "tại", "trụ sở", ".")] == ["O"] * 5
    assert set(silver("outside").values()) == {"B", "O"}
    assert silver("missing")["tại"] == ""


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


def test_merge_drops_improbable_persons_and_bodies_but_not_places():
    text = "Tổng thống Trump gặp Thủ tướng Abe tại Tokyo và Tập đoàn Vingroup."
    model = [_span(text, "PER", "Trump"), _span(text, "PER", "Abe"), _span(text, "LOC", "Tokyo"),
             _span(text, "ORG", "Tập đoàn Vingroup")]
    probs = {"Trump": 0.97, "Abe": 0.3, "Tokyo": 0.1, "Tập đoàn Vingroup": 0.2}
    out = merge([], model, text, confidence=lambda xs: [probs[text[x.start:x.end]] for x in xs])
    assert [text[s.start:s.end] for s in out] == ["Trump", "Tokyo"]
    assert len(merge([], model, text)) == 4  # no confidence given: the other rules alone decide


def test_model_confidence_is_the_probability_of_its_own_spans():
    from pipeline.model import load_default

    model = load_default(None)
    if model is None:
        pytest.skip("no shipped model")
    text = "Sáng 8-2, ông Nguyễn Văn Hùng làm việc với Trung tâm Hỗ trợ Xuất khẩu tại Hà Nội."
    spans = model.find(text)
    probs = model.confidence(text, spans)
    assert spans and len(probs) == len(spans) and all(0.0 <= p <= 1.0 for p in probs)
    assert max(probs) > 0.5
    model._last = ("", {})  # re-read from scratch: the docs `find` kept must give the same probabilities
    assert model.confidence(text, spans) == pytest.approx(probs)
    moved = [Span(s.label, s.start + 1, s.end, source="model") for s in spans]  # no longer a token boundary
    assert model.confidence(text, moved) == [0.0] * len(moved)


def test_merge_drops_model_spans_that_name_a_class():
    text = "Toàn huyện có 41 Đảng bộ, các Đảng ủy xã và Tập đoàn Vingroup."
    i, j, k = text.index("Đảng bộ"), text.index("Đảng ủy xã"), text.index("Tập đoàn")
    model = [Span("ORG", i, i + 7, source="model"), Span("ORG", j, j + 10, source="model"),
             Span("ORG", k, len(text) - 1, source="model")]
    assert [text[s.start:s.end] for s in merge([], model, text)] == ["Tập đoàn Vingroup"]


def test_merge_leaves_lexicon_heads_and_quoted_titles_to_the_rules():
    text = "Bí thư Đảng ủy xã dự; phần mềm “Sổ tay đảng viên” do Viện Pasteur hỗ trợ."
    a, b, c = text.index("Đảng ủy"), text.index("Sổ tay"), text.index("Viện Pasteur")
    model = [Span("ORG", a, a + 10, source="model"), Span("ORG", b, text.index("”") + 1, source="model"),
             Span("ORG", c, c + 12, source="model")]
    assert [text[s.start:s.end] for s in merge([], model, text)] == ["Viện Pasteur"]


def test_merge_drops_a_bare_institution_type_word():
    text = "Học sinh khối THPT dự thi, Trường THPT Nguyễn Du đạt giải."
    model = [_span(text, "ORG", "THPT"), _span(text, "ORG", "Trường THPT Nguyễn Du")]
    assert _added(text, model) == [("ORG", "Trường THPT Nguyễn Du")]
