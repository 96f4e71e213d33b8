"""ORG/LOC family: golden cases, span invariants, and the gazetteer file."""
from __future__ import annotations

import importlib.util
import os
import unicodedata
from pathlib import Path

import pytest

from tests.golden_cases import cases, params
from pipeline import units
from pipeline.resources import data_path

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = cases("units")


def _got(text):
    return units.find(text)


@pytest.mark.parametrize("case", params(GOLDEN))
def test_golden(case):
    text = case["text"]
    spans = _got(text)
    got = [(s.label, s.text_of(text)) for s in spans]
    want = [(e["label"], e["text"]) for e in case["expect"]]
    assert got == want, case["note"]
    for s, e in zip(spans, case["expect"]):
        for k, v in e.items():
            if k not in ("label", "text"):
                assert s.attrs.get(k) == v, f"{e['text']}: {k}={s.attrs.get(k)!r}, want {v!r}"


def test_golden_has_enough_cases():
    assert len(GOLDEN) >= 30
    assert sum(1 for c in GOLDEN if not c["expect"]) >= 8
    assert len({c["id"] for c in GOLDEN}) == len(GOLDEN)


@pytest.mark.parametrize("case", GOLDEN, ids=[c["id"] for c in GOLDEN])
def test_spans_are_flat_and_exact(case):
    text = case["text"]
    spans = _got(text)
    for s in spans:
        assert 0 <= s.start < s.end <= len(text)
        assert s.label in ("ORG", "LOC")
        assert text[s.start:s.end] == text[s.start:s.end].strip()
    for a, b in zip(spans, spans[1:]):
        assert a.end <= b.start, (a, b)


def test_attribute_keys():
    text = "UBND huyện Thường Tín làm việc tại xã Tân Minh, huyện Sóc Sơn, Hà Nội."
    for s in _got(text):
        want = {"kind", "expansion"} if s.label == "ORG" else {"level", "province"}
        assert set(s.attrs) == want


def test_empty_and_odd_input():
    assert units.find("") == []
    assert units.find("\n\n   ") == []
    units.find("Huyện ủy" * 200)          # no pathological backtracking


def test_lexicon_loads_and_is_nfc():
    raw = data_path("units.json").read_text(encoding="utf-8")
    assert unicodedata.normalize("NFC", raw) == raw
    units._lex()


# ------------------------------------------------------------------ gazetteer
LEVELS = {"tỉnh", "thành phố trung ương", "huyện", "quận", "thị xã", "thành phố", "xã", "phường", "thị trấn"}


def _gaz_lines():
    return data_path("gazetteer.tsv").read_text(encoding="utf-8").splitlines()


def test_gazetteer_header_and_rows():
    lines = _gaz_lines()
    comments = [l for l in lines if l.startswith("#")]
    assert any("vietnam-provinces 0.6.0" in l for l in comments), "header must name the source package + version"
    declared = int(next(l for l in comments if l.startswith("# rows:")).split(":")[1])
    body = [l for l in lines if l and not l.startswith("#")]
    assert body[0].split("\t") == ["name", "level", "province", "source"]
    rows = [l.split("\t") for l in body[1:]]
    assert len(rows) == declared
    assert all(len(r) == 4 for r in rows)
    assert {r[1] for r in rows} <= LEVELS
    assert sum(r[1] in ("tỉnh", "thành phố trung ương") for r in rows) == 63
    assert sum(r[1] in ("huyện", "quận", "thị xã", "thành phố") for r in rows) == 696
    text = "\n".join(lines)
    assert unicodedata.normalize("NFC", text) == text
    assert len(data_path("gazetteer.tsv").read_bytes()) < 3_000_000


def _builder():
    spec = importlib.util.spec_from_file_location("build_gazetteer", ROOT / "scripts" / "build_gazetteer.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_builder_flattens_a_tree():
    b = _builder()
    tree = [{"name": "Tỉnh Nam Định", "districts": [
        {"name": "Huyện Giao Thủy", "wards": [{"name": "Thị trấn Ngô Đồng"}, {"name": "Xã Giao Tiến"}]},
        {"name": "Thành Phố Nam Định", "wards": []}]},
        {"name": "Thành phố Hà Nội", "districts": [{"name": "Quận Ba Đình", "wards": []}]}]
    rows = b.rows_from(tree)
    assert [r[:3] for r in rows] == [
        ("Nam Định", "tỉnh", "Nam Định"), ("Giao Thủy", "huyện", "Nam Định"),
        ("Ngô Đồng", "thị trấn", "Nam Định"), ("Giao Tiến", "xã", "Nam Định"),
        ("Nam Định", "thành phố", "Nam Định"),
        ("Hà Nội", "thành phố trung ương", "Hà Nội"), ("Ba Đình", "quận", "Hà Nội")]
    out = b.render(rows)
    assert "# rows: 7" in out and out.endswith("\n")


def test_gazetteer_regenerates_identically(tmp_path):
    """Needs the 0.6.0 wheel (VP_WHEEL=path) or that release installed; skipped otherwise."""
    b = _builder()
    wheel = os.environ.get("VP_WHEEL")
    if wheel and Path(wheel).exists():
        args = ["--wheel", wheel]
    else:
        try:
            import vietnam_provinces as vp
        except ImportError:
            pytest.skip("vietnam-provinces not installed")
        if getattr(vp, "__version__", "") != b.VERSION:
            pytest.skip(f"vietnam-provinces {getattr(vp, '__version__', '?')} installed, need {b.VERSION}")
        args = ["--json", str(Path(vp.__file__).parent / "data" / "nested-divisions.json")]
    out = tmp_path / "gaz.tsv"
    b.main(args + ["-o", str(out)])
    assert out.read_text(encoding="utf-8") == data_path("gazetteer.tsv").read_text(encoding="utf-8")
