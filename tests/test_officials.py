"""Officials family (PER, TITLE): golden cases, the officials table, span invariants."""
from __future__ import annotations

import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.golden_cases import cases, params
from pipeline import officials
from pipeline.officials import find, table

CASES = cases("officials")


def _found(text: str) -> list[dict]:
    return [{"label": s.label, "text": s.text_of(text), **s.attrs} for s in find(text)]


def _check_invariants(text: str, spans) -> None:
    for s in spans:
        assert 0 <= s.start < s.end <= len(text)
        assert s.label in ("PER", "TITLE")
    ordered = sorted(spans, key=lambda s: s.start)
    for a, b in zip(ordered, ordered[1:]):
        assert a.end <= b.start, f"overlap: {a} / {b}"


@pytest.mark.parametrize("case", params(CASES))
def test_golden(case):
    text = case["text"]
    got = _found(text)
    assert [(g["label"], g["text"]) for g in got] == [(e["label"], e["text"]) for e in case["expect"]], case["note"]
    for g, e in zip(got, case["expect"]):
        if e["label"] == "TITLE":
            assert g["holder"] == e["holder"]
            assert text[g["holder_start"]:g["holder_start"] + len(g["holder"])] == g["holder"]
        else:
            assert g.get("role") == e.get("role")
            if "caps" in e:
                assert g.get("caps") == e["caps"]
    _check_invariants(text, find(text))


def test_golden_has_enough_cases_and_negatives():
    assert len(CASES) >= 30
    assert sum(1 for c in CASES if not c["expect"]) >= 8
    assert len({c["id"] for c in CASES}) == len(CASES)


def _mentions(rows):
    return [(r["name"], [t["text"] for t in r["titles"]], r["orgs"]) for r in rows]


def test_table_one_row_per_person_with_title_mentions():
    text = ("* LÊ THANH HẢI, Phó Bí thư Thường trực Huyện ủy, Chủ tịch HĐND huyện\n\n"
            "Đồng chí Lê Thanh Hải – Phó Bí thư thường trực Huyện ủy chủ trì hội nghị. "
            "Đồng chí Phó Bí thư thường trực Huyện ủy yêu cầu các chi bộ rà soát chỉ tiêu. "
            "Bí thư chi bộ Đỗ Văn Lực cho biết chi bộ có 35 đảng viên.\n\n"
            "Năm 2023, toàn huyện kết nạp 230 đảng viên mới, vượt chỉ tiêu được giao. Ảnh: Minh Đức\n\n"
            "Thu Hằng")
    rows = table(text, find(text))
    assert _mentions(rows) == [
        ("Lê Thanh Hải", ["Phó Bí thư Thường trực Huyện ủy", "Chủ tịch HĐND huyện",
                          "Phó Bí thư thường trực Huyện ủy", "Phó Bí thư thường trực Huyện ủy"],
         ["Huyện ủy", "HĐND huyện"]),
        ("Đỗ Văn Lực", ["Bí thư chi bộ"], ["Chi bộ"]),
    ]
    for r in rows:
        for t in r["titles"]:
            assert set(t) == {"text", "start", "end", "org"}
            assert text[t["start"]:t["end"]] == t["text"]
    assert [t["org"] for t in rows[0]["titles"]] == ["Huyện ủy", "HĐND huyện", "Huyện ủy", "Huyện ủy"]
    assert [t["start"] for t in rows[0]["titles"]] == sorted(t["start"] for t in rows[0]["titles"])


def test_table_orgs_of_heads_with_an_organisation_inside():
    text = ("Đồng chí Nguyễn Trọng An - Ủy viên Ban thường vụ, Trưởng ban Tổ chức Huyện ủy báo cáo. "
            "Thủ tướng Nguyễn Văn Nam phát biểu.")
    rows = table(text, find(text))
    assert [t["text"] for t in rows[0]["titles"]] == ["Ủy viên Ban thường vụ", "Trưởng ban Tổ chức Huyện ủy"]
    assert rows[0]["orgs"] == ["Ban thường vụ", "Ban Tổ chức Huyện ủy"]
    i = text.index("Thủ tướng")
    assert rows[1] == {"name": "Nguyễn Văn Nam", "orgs": [],
                       "titles": [{"text": "Thủ tướng", "start": i, "end": i + 9, "org": None}]}


def test_table_holder_is_the_full_name_first_written():
    text = ("Bộ trưởng Bộ Lao động - Thương binh và Xã hội Đào Ngọc Dung làm việc với tỉnh. "
            "Theo Bộ trưởng Dung, tỉnh cần rà soát các đối tượng chính sách.")
    spans = find(text)
    assert [s.attrs["holder"] for s in spans if s.label == "TITLE"] == ["Đào Ngọc Dung", "Đào Ngọc Dung"]
    rows = table(text, spans)
    assert len(rows) == 1 and [t["text"] for t in rows[0]["titles"]] == [
        "Bộ trưởng Bộ Lao động - Thương binh và Xã hội", "Bộ trưởng"]


def test_table_excludes_bylines_credits_and_untitled_people():
    text = ("Ông Phạm Văn Hòa cho biết xã đã hoàn thành kế hoạch. Ảnh: Lâm Thanh\n\n"
            "Năm 2023, toàn huyện kết nạp 230 đảng viên mới, vượt chỉ tiêu được giao.\n\nHoàng Tuấn")
    spans = find(text)
    assert {s.text_of(text) for s in spans if s.label == "PER"} == {"Phạm Văn Hòa", "Lâm Thanh", "Hoàng Tuấn"}
    assert table(text, spans) == []


def test_offsets_survive_old_tone_placement():
    text = "Đồng chí Hoàng Văn Thuỷ, Chủ tịch Uỷ ban nhân dân xã Hoà Bình, phát biểu."
    spans = find(text)
    assert [s.text_of(text) for s in spans] == ["Hoàng Văn Thuỷ", "Chủ tịch Uỷ ban nhân dân xã Hoà Bình"]


def test_fold_tones_keeps_length():
    s = "Huyện uỷ Hoà Bình, khoẻ, Quý"
    assert len(officials.fold_tones(s)) == len(s)
    assert officials.fold_tones(s) == "Huyện ủy Hòa Bình, khỏe, Quý"


def test_docstring_examples():
    res = doctest.testmod(officials, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert res.failed == 0 and res.attempted >= 4


_WORDS = ["Đồng chí", "Nguyễn", "Văn", "An", "–", "Bí thư", "Huyện ủy", ",", "Chủ tịch", "HĐND", "huyện", "Ảnh:",
          "Lê", "Thị", "Hà", "Nội", "TP", "Hồ", "Chí", "Minh", "ông", "bà", "các", "\n", "\n\n", ".", "UBND", "xã",
          "Tân", "Lập", "Trưởng ban", "Tổ chức", "X.T", "THANH", "TÌNH", "đường", "phố", "(", ")", "Bài và ảnh:",
          "Uỷ ban", "Phó", "thường trực", "Tổng thống", "Donald", "Trump", "Đoàn", "Thanh", "niên", "chi bộ"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=40), st.sampled_from([" ", "", "  "]))
def test_spans_are_flat_and_offsets_exact(words, sep):
    text = sep.join(words)
    spans = find(text)
    _check_invariants(text, spans)
    for s in spans:
        if s.label == "TITLE":
            h, hs = s.attrs["holder"], s.attrs["holder_start"]
            assert text[hs:hs + len(h)] == h
    table(text, spans)
