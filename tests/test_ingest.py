"""Ingest: every input article becomes exactly one RawDoc, errors included."""
import io
import json

import pytest

from pipeline.ingest import UsageError, read_inputs


def test_one_doc_per_input_article_with_named_errors(hostile_dir):
    d, expected = hostile_dir
    docs = list(read_inputs([str(d)]))
    by_id = {doc.id: doc for doc in docs}
    # files: one each; batch.jsonl: six lines
    assert len(docs) == len(expected) + 6
    for name, kind in expected.items():
        doc = by_id[name.rsplit(".", 1)[0]]
        if kind == "ok":
            assert doc.error is None and doc.text, name
        elif kind is None:
            assert doc.error is not None, name
        else:
            assert doc.error and doc.error["type"] == kind, (name, doc.error)
            assert doc.error["message"]


def test_jsonl_errors_name_the_line(hostile_dir):
    d, _ = hostile_dir
    docs = [doc for doc in read_inputs([str(d / "batch.jsonl")])]
    assert [doc.source["line"] for doc in docs] == [1, 2, 3, 4, 5, 6]
    broken = docs[1]
    assert broken.error["type"] == "malformed_jsonl" and "line 2" in broken.error["message"]
    assert "neither" in docs[2].error["message"] and "line 3" in docs[2].error["message"]
    assert "line 4" in docs[3].error["message"]
    assert docs[4].error["type"] == "empty"
    assert docs[5].error is None and docs[5].id.startswith("batch-")


def test_jsonl_id_is_stable_when_absent(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_text(json.dumps({"text": "Huyện ủy Chương Mỹ họp."}, ensure_ascii=False) + "\n", encoding="utf-8")
    first = next(read_inputs([str(p)])).id
    assert first == next(read_inputs([str(p)])).id


def test_jsonl_fields_become_given_metadata(tmp_path):
    p = tmp_path / "a.jsonl"
    rec = {"id": 7, "text": "Nội dung.", "url": "http://x/y", "title": "Tiêu đề", "published": "2020-01-02"}
    p.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    doc = next(read_inputs([str(p)]))
    assert doc.id == "7" and doc.source["url"] == "http://x/y"
    assert doc.given == {"url": "http://x/y", "title": "Tiêu đề", "published": "2020-01-02"}


def test_jsonl_html_field_is_extracted(tmp_path):
    p = tmp_path / "a.jsonl"
    html = "<html><body><article><p>" + "Ban Thường vụ Huyện ủy đã họp và thống nhất nội dung. " * 5 + "</p></article></body></html>"
    p.write_text(json.dumps({"id": "h", "html": html}, ensure_ascii=False) + "\n", encoding="utf-8")
    doc = next(read_inputs([str(p)]))
    assert doc.error is None and doc.kind == "html" and "Ban Thường vụ" in doc.text and "<p>" not in doc.text


def test_duplicate_ids_are_made_unique(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.txt").write_text("Một.", encoding="utf-8")
    (tmp_path / "b" / "x.txt").write_text("Hai.", encoding="utf-8")
    assert [d.id for d in read_inputs([str(tmp_path)])] == ["x", "x~2"]


def test_stdin_text_and_jsonl():
    docs = list(read_inputs(["-"], stdin=io.BytesIO("Huyện ủy họp.".encode())))
    assert len(docs) == 1 and docs[0].id == "stdin" and docs[0].text == "Huyện ủy họp."
    lines = b'{"id": "a", "text": "M\xe1\xbb\x99t."}\n{"id": "b", "text": "Hai."}\n'
    assert [d.id for d in read_inputs(["-"], stdin=io.BytesIO(lines))] == ["a", "b"]


def test_missing_path_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError):
        list(read_inputs([str(tmp_path / "nope")]))


def test_directory_order_is_stable(tmp_path):
    for name in ["c.txt", "a.txt", "b.html", "skip.pdf"]:
        (tmp_path / name).write_text("<p>Nội dung bài viết đủ dài để trích xuất.</p>" if name.endswith("html") else "x", encoding="utf-8")
    assert [d.id for d in read_inputs([str(tmp_path)])] == ["a", "b", "c"]
