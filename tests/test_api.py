"""The Python entry point and the invariants every record keeps."""
from hypothesis import HealthCheck, given, settings

import pipeline
from tests.test_segment import vietnamese_like

SENT = ("Đồng chí Nguyễn Văn An – Phó Bí thư Thường trực Huyện ủy, Chủ tịch HĐND huyện chủ trì hội nghị. "
        "Thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị, đã có 382/387 chi bộ (đạt 98,71%) và trên 11.940 đảng viên.")


def test_extract_returns_a_record():
    art = pipeline.extract(SENT, id="t1", url="http://example.vn/a")
    d = art.to_dict()
    assert d["id"] == "t1" and d["source"]["url"] == "http://example.vn/a" and d["error"] is None
    labels = {e["label"] for e in d["entities"]}
    assert {"PER", "DOC", "NUM"} <= labels


def test_extract_many_streams_in_order():
    arts = list(pipeline.extract_many([{"id": "a", "text": SENT}, "Huyện ủy họp.", b"", 42]))
    assert [a.id for a in arts][:1] == ["a"] and len(arts) == 4
    assert arts[2].error["type"] == "empty" and arts[3].error["type"] == "malformed_input"


def test_bad_text_gives_an_error_record_not_an_exception():
    art = pipeline.extract("\x00\x01" * 50, id="bin")
    assert art.error["type"] == "binary" and art.to_dict()["entities"] == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(vietnamese_like())
def test_offsets_hold_on_arbitrary_text(text):
    d = pipeline.extract(text, id="h").to_dict()
    t = d["text"]
    for e in d["entities"]:
        assert t[e["start"]:e["end"]] == e["text"] and e["text"]
    spans = sorted((e["start"], e["end"]) for e in d["entities"])
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), "entities are flat"
    for s, e in d["sentences"]:
        assert 0 <= s < e <= len(t)
