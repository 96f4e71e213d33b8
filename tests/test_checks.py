"""Golden tests for `pipeline.checks`: each text goes through `claims.find` then `checks.run`.

tests/golden/checks.jsonl lists exactly the results expected, in order, as
(kind, status) plus `stated` / `computed` when given (computed to 0.01).
"""
from __future__ import annotations


import pytest

from tests.golden_cases import cases, params
from pipeline import checks, claims

CASES = cases("checks")
KINDS = ("ratio_percent", "attainment", "parts_sum", "share_sum", "period")


@pytest.mark.parametrize("case", params(CASES))
def test_golden(case):
    text = case["text"]
    nums = claims.find(text)
    got = checks.run(text, nums)
    assert [(r["kind"], r["status"]) for r in got] == [(e["kind"], e["status"]) for e in case["expect"]], case.get("note")
    for want, r in zip(case["expect"], got):
        if "stated" in want:
            assert r["stated"] == (pytest.approx(want["stated"]) if isinstance(want["stated"], float) else want["stated"])
        if "computed" in want:
            assert r["computed"] == pytest.approx(want["computed"], abs=0.01)


def test_every_kind_has_passing_and_failing_cases():
    seen = {(e["kind"], e["status"]) for c in CASES for e in c["expect"]}
    for kind in KINDS:
        assert (kind, "mismatch") in seen, kind
        if kind != "period":          # periods are reported only when impossible
            assert (kind, "ok") in seen, kind


def test_result_shape():
    text = "Có 254/742 nữ đại biểu HĐND cấp xã (bằng 35,08%); nhiệm kỳ 2020 -2015."
    nums = claims.find(text)
    out = checks.run(text, nums)
    assert [r["kind"] for r in out] == ["ratio_percent", "period"]
    for r in out:
        assert set(r) >= {"kind", "status", "stated", "computed", "message", "spans"}
        assert all(0 <= i < len(nums) for i in r["spans"])
        assert isinstance(r["message"], str) and r["message"]
    assert out[0]["message"] == "254/742 = 34.23%, but the text states 35.08%"
    assert text[slice(*out[1]["where"])] == "2020 -2015"


def test_given_sentences_are_used():
    text = "Kết nạp 13/10 đảng viên. Đạt 200% chỉ tiêu."
    nums = claims.find(text)
    assert checks.run(text, nums, sentences=[(0, len(text))])[0]["kind"] == "attainment"
    assert checks.run(text, nums) == []   # different sentences by default: not paired


def test_no_nums_no_results():
    assert checks.run("Không có số liệu.", []) == []


def test_range_ends_are_skipped_but_indices_kept():
    """Both ends of a range are NUM (annotation rulings) but no check uses them; the
    indices of the results still point into the full `nums` list."""
    text = "Mỗi chi bộ có 3-5 đảng viên trẻ. Đã kết nạp 13/10 đảng viên, đạt 130% chỉ tiêu."
    nums = claims.find(text)
    out = checks.run(text, nums)
    assert [text[nums[i].start:nums[i].end] for i in out[0]["spans"]] == ["13/10", "130%"]
