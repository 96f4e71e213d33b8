"""Golden cases for the DOC family (pipeline.directives).

Each line of tests/golden/directives.jsonl lists exactly the spans `find`
must return for its text, in order, with the attributes it names.
"""
from __future__ import annotations


import pytest

from tests.golden_cases import cases, params
from pipeline import directives
from pipeline.spans import Span

CASES = cases("directives")
ALWAYS = set(directives.ATTRS)



def test_golden_ids_unique_and_enough():
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids))
    assert len(CASES) >= 30
    assert sum(1 for c in CASES if not c["expect"]) >= 8


@pytest.mark.parametrize("case", params(CASES))
def test_golden(case: dict):
    text = case["text"]
    got = directives.find(text)
    assert [s.text_of(text) for s in got] == [e["text"] for e in case["expect"]]
    for span, exp in zip(got, case["expect"]):
        assert span.label == exp["label"]
        for key, value in exp.items():
            if key not in ("label", "text"):
                assert span.attrs.get(key) == value, (exp["text"], key)


@pytest.mark.parametrize("case", params(CASES))
def test_offsets_exact_and_flat(case: dict):
    text = case["text"]
    got = directives.find(text)
    for s in got:
        assert isinstance(s, Span) and s.label == "DOC"
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start:s.end] == text[s.start:s.end].strip()
        assert ALWAYS <= set(s.attrs)
    for a, b in zip(got, got[1:]):
        assert a.end <= b.start


def test_empty_and_plain_text():
    assert directives.find("") == []
    assert directives.find("Không có văn bản nào được nhắc tới ở đây.") == []


def test_code_attr_never_has_spaces():
    text = "Thực hiện Chỉ thị 05 - CT/ TW và Nghị quyết 18 NQ/ TU."
    codes = [s.attrs["code"] for s in directives.find(text)]
    assert codes == ["CT/TW", "NQ/TU"]


def test_many_references_in_a_long_text_stay_fast():
    """Each attribute match is bounded: 20,000 references must not go quadratic."""
    import time

    text = "Thực hiện Nghị quyết 12 của Thành ủy, " * 20_000
    t0 = time.perf_counter()
    got = directives.find(text)
    assert len(got) == 20_000
    assert time.perf_counter() - t0 < 5
