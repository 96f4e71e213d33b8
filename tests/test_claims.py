"""Golden and property tests for `pipeline.claims` (NUM).

Each line of tests/golden/claims.jsonl lists exactly the spans `find` must
return, in order; units are compared the way the scorer does (one normalised
string contains the other), numbers with a relative tolerance.
"""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from tests.golden_cases import cases, params
from pipeline import claims
from pipeline.resources import load_json

CASES = cases("claims")


def _key(s) -> str:
    s = unicodedata.normalize("NFD", str(s).replace("đ", "d").replace("Đ", "D"))
    return " ".join("".join(c for c in s if not unicodedata.combining(c)).casefold().split())


def _same(attr: str, want, got) -> bool:
    if attr == "unit":
        return (not want and not got) or (bool(want) and bool(got) and (_key(want) in _key(got) or _key(got) in _key(want)))
    if isinstance(want, float) or isinstance(got, float):
        return want is not None and got is not None and abs(float(want) - float(got)) <= 1e-6 * max(1.0, abs(float(want)))
    return want == got


@pytest.mark.parametrize("case", params(CASES))
def test_golden(case):
    text = case["text"]
    got = claims.find(text)
    assert [text[s.start:s.end] for s in got] == [e["text"] for e in case["expect"]], case.get("note")
    for want, span in zip(case["expect"], got):
        assert span.label == want["label"] == "NUM"
        for attr, value in want.items():
            if attr in ("label", "text"):
                continue
            assert _same(attr, value, span.attrs.get(attr)), f"{want['text']}: {attr} {span.attrs.get(attr)!r} != {value!r}"


def test_golden_has_enough_cases():
    assert len(CASES) >= 30
    assert sum(1 for c in CASES if not c["expect"]) >= 15


def test_attrs_always_present():
    for s in claims.find("Toàn huyện có 85 tổ chức cơ sở đảng, chiếm 20%."):
        assert set(s.attrs) == {"value", "total", "percent", "unit", "approx", "change", "compare_to"}


def test_offsets_and_flatness_on_golden_texts():
    text = "\n\n".join(c["text"] for c in CASES)
    spans = claims.find(text)
    assert spans, "the concatenated golden texts contain claims"
    for a, b in zip(spans, spans[1:]):
        assert a.end <= b.start, "NUM spans never overlap"
    for s in spans:
        surface = text[s.start:s.end]
        assert surface == surface.strip() and surface
        assert any(ch.isdigit() for ch in surface)


@pytest.mark.parametrize("written, value", [
    ("11.940", 11940.0), ("35,08", 35.08), ("1.234.567", 1234567.0), ("2.5", 2.5),
    ("01", 1.0), ("1.234,5", 1234.5), ("1,234,567", 1234567.0), ("0,41", 0.41),
])
def test_parse_number(written, value):
    assert claims.parse_number(written) == pytest.approx(value)


def test_lexicon_is_nfc_and_known_keys():
    raw = (Path(claims.__file__).parent / "data" / "claims.json").read_text(encoding="utf-8")
    assert unicodedata.normalize("NFC", raw) == raw
    claims._lex()  # check_keys raises on an unknown key
    assert "checks" in load_json("claims.json")
