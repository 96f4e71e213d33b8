"""Record-level consistency checks on numeric claims.

Reports state the same fact twice more often than one would think: a ratio
and its percentage ("254/742 nữ đại biểu HĐND cấp xã (bằng 35,08%)"), an
attainment and the figures behind it ("kết nạp 11/5 đảng viên, đạt 220% chỉ
tiêu"), a total and its breakdown ("85 tổ chức cơ sở đảng, trong đó 41 đảng
bộ, 44 chi bộ cơ sở"), the shares of one whole (the four rating classes of
Party members), and periods ("nhiệm kỳ 2020-2025").  When the two statements
disagree, an analyst wants to know.  A correct claim must never be flagged,
so every check only fires on a clear grammatical structure and tolerates the
rounding that the written precision allows.

Each result is a dict ``{"kind", "status", "stated", "computed", "message",
"spans"}``; ``spans`` are indices into the `nums` list given to `run`;
``period`` results also carry ``where`` (a character range), since years
are not ``NUM`` spans.

    >>> from pipeline import claims
    >>> t = "Có 254/742 nữ đại biểu HĐND cấp xã (bằng 35,08%)."
    >>> r = run(t, claims.find(t))[0]
    >>> (r["kind"], r["status"], r["computed"])
    ('ratio_percent', 'mismatch', 34.23)
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache

import regex as re

from .resources import check_keys, load_json
from .spans import Span

__all__ = ["run", "split_sentences"]

SP = r"[ \t\u00a0]"
_CHECK_KEYS = {
    "connector_ratio_percent", "attainment_after", "whole_connectors", "exhaustive_connectors",
    "period_context", "rating_categories", "rating_subjects", "overlap_attributes",
    "exclusive_families", "percent_base_after", "weak_connectors",
}


def _alt(words) -> str:
    return "|".join((SP + "+").join(re.escape(p) for p in w.split()) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class _Lex:
    adjacent: re.Pattern
    reverse: re.Pattern
    attainment: re.Pattern
    whole: re.Pattern
    exhaustive: frozenset
    period: re.Pattern
    period_tu: re.Pattern
    categories: tuple
    subjects: tuple
    overlap: re.Pattern
    chiem: re.Pattern
    sentence_end: re.Pattern
    decimals: re.Pattern
    families: tuple
    base_after: re.Pattern
    weak_conn: re.Pattern
    range_gap: re.Pattern


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    d = load_json("claims.json")["checks"]
    check_keys(d, _CHECK_KEYS, "claims.json:checks")
    conn = _alt(d["connector_ratio_percent"])
    words = r"[\p{L}\p{M}/ \t\u00a0]{0,80}"
    cats = tuple(
        (rank, re.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{_alt(alts)})(?![\p{{L}}\p{{M}}])", re.I | re.V1))
        for rank, alts in enumerate(d["rating_categories"])
    )
    subj = tuple(
        (label, re.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{_alt([w])})(?![\p{{L}}\p{{M}}])", re.I | re.V1))
        for w, label in sorted(d["rating_subjects"].items(), key=lambda kv: -len(kv[0]))
    )
    return _Lex(
        # "254/742 nữ đại biểu HĐND cấp xã (bằng " · "382/387 chi bộ, đạt " · "7/40 ("
        adjacent=re.compile(
            rf"^{words}(?:\({SP}*(?:(?:{conn}){SP}*:?{SP}*)?|,?{SP}*(?:{conn}){SP}*:?{SP}*|{SP}*[-–]{SP}*(?:{conn}){SP}*)$",
            re.I | re.V1),
        reverse=re.compile(rf"^{words}\({SP}*$", re.V1),
        attainment=re.compile(
            rf"{SP}*(?:so{SP}+với{SP}+|theo{SP}+|của{SP}+)?(?:{_alt(d['attainment_after'])})(?![\p{{L}}\p{{M}}])",
            re.I | re.V1),
        whole=re.compile(
            rf"(?P<desc>[^\d;.!?()\n]{{0,100}}?)[,:]?{SP}*(?P<conn>{_alt(d['whole_connectors'])})(?![\p{{L}}\p{{M}}]){SP}*(?P<colon>:)?",
            re.I | re.V1),
        exhaustive=frozenset(" ".join(w.lower().split()) for w in d["exhaustive_connectors"]),
        period=re.compile(
            rf"(?<![\p{{L}}\p{{M}}])(?:{_alt(d['period_context'])}){SP}+(?P<a>(?:19|20)\d\d){SP}*[-–—]{SP}*(?P<b>(?:19|20)\d\d|\d\d)(?![\d/\-–:T])",
            re.I | re.V1),
        period_tu=re.compile(rf"(?<![\p{{L}}\p{{M}}])từ{SP}+năm{SP}+(?P<a>(?:19|20)\d\d){SP}+(?:đến|tới){SP}+(?:năm{SP}+)?(?P<b>(?:19|20)\d\d)(?!\d)", re.I | re.V1),
        categories=cats,
        subjects=subj,
        overlap=re.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{_alt(d['overlap_attributes'])})(?![\p{{L}}\p{{M}}])", re.I | re.V1),
        chiem=re.compile(rf"(?<![\p{{L}}\p{{M}}])chiếm(?:{SP}+(?:tỷ|tỉ){SP}+lệ)?{SP}*$", re.I | re.V1),
        sentence_end=re.compile(r"[.!?…]+[\"”’)\]]*(?=\s+[\p{Lu}\d\"“(•\-–])|\n\s*\n|\n(?=\s*[\p{Lu}\d\-–•*])", re.V1),
        decimals=re.compile(r"[.,](\d+)\s*%"),
        families=tuple(
            (f["name"], tuple(sorted((m.lower() for m in f["members"]), key=len, reverse=True)),
             tuple(x.lower() for x in f["exclude"]), tuple(w.lower() for w in f["wholes"]))
            for f in d["exclusive_families"]),
        base_after=re.compile(rf"{SP}*\)?{SP}*,?{SP}*(?:{_alt(d['percent_base_after'])})(?![\p{{L}}\p{{M}}])", re.I | re.V1),
        weak_conn=re.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{_alt(d['weak_connectors'])}){SP}*:?{SP}*$", re.I | re.V1),
        range_gap=re.compile(rf"{SP}*[-–—]{SP}*|{SP}+(?:đến|tới){SP}+", re.I),
    )


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence ranges: cut after ``.!?…`` before a capital or a digit, and at blank lines.

    "Đạt 98,7%. Kết nạp 11 đảng viên." → two sentences.  Decimal and
    thousands points never end a sentence (no space follows them).
    """
    out, start = [], 0
    for m in _lex().sentence_end.finditer(text):
        out.append((start, m.end()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def _decimals(surface: str) -> int:
    m = _lex().decimals.search(surface)
    return len(m.group(1)) if m else 0


def _fmt(v: float, nd: int = 2) -> str:
    s = f"{v:.{nd}f}"
    return s.rstrip("0").rstrip(".") if "." in s else s


def _result(kind, status, stated, computed, message, spans, **extra) -> dict:
    r = {"kind": kind, "status": status, "stated": stated, "computed": computed, "message": message, "spans": spans}
    r.update(extra)
    return r


def run(text: str, nums: list[Span], sentences: list[tuple[int, int]] | None = None) -> list[dict]:
    """All checks on one article; `nums` are the ``NUM`` spans of `text` (from `pipeline.claims.find`)."""
    keep = _not_in_range(text, nums)
    if len(keep) < len(nums):
        out = run(text, [nums[i] for i in keep], sentences)
        for r in out:
            r["spans"] = [keep[k] for k in r["spans"]]
        return out
    sents = sentences if sentences is not None else split_sentences(text)
    starts = [s for s, _ in sents]
    sid = [max(0, bisect.bisect_right(starts, n.start) - 1) for n in nums]
    out = _ratio_checks(text, nums, sid)
    out += _parts_sum(text, nums, sid)
    out += _share_sum(text, nums, sid, [s for s, _ in sents])
    out += _period(text)
    out.sort(key=lambda r: (nums[r["spans"][0]].start if r["spans"] else r["where"][0]))
    return out


def _not_in_range(text: str, nums: list[Span]) -> list[int]:
    """Indices of the figures that stand alone: the ends of a range ("5-7 xã", "từ 200 đến 300
    triệu đồng") bound one unknown figure, so they are neither parts nor a whole nor a ratio."""
    gap = _lex().range_gap
    ends = set()
    for i in range(len(nums) - 1):
        if gap.fullmatch(text, nums[i].end, nums[i + 1].start):
            ends.update((i, i + 1))
    return [i for i in range(len(nums)) if i not in ends]


# ---------------------------------------------------------------- ratios --

def _is_ratio(n: Span) -> bool:
    return n.attrs.get("total") not in (None, 0) and not n.attrs.get("percent")


_PLAIN = re.compile(r"\d+(?:[.,]\d+)*")


def _is_count(text: str, n: Span) -> bool:
    """A plain count of something: "41 Đảng bộ" (not 57 triệu đồng, 300m, 35%, 3/5, trên 70, tăng 2)."""
    a = n.attrs
    if a.get("percent") or a.get("total") is not None or a.get("approx") or a.get("change") or not a.get("unit"):
        return False
    return bool(_PLAIN.fullmatch(text[n.start:n.end]))


def _is_amount(n: Span) -> bool:
    """A count or an amount of something ("1.476 đảng viên", "834,9 triệu USD"), not a percentage, ratio or change."""
    a = n.attrs
    return not (a.get("percent") or a.get("total") is not None or a.get("change")) and bool(a.get("unit"))


def _is_plain_percent(n: Span) -> bool:
    """An exact percentage of something ("35,08%"), not a change, a bound or a rate per year."""
    a = n.attrs
    return bool(a.get("percent")) and a.get("total") is None and not a.get("approx") \
        and not a.get("change") and not (a.get("unit") or "").startswith("%/")


def _ratio_checks(text: str, nums: list[Span], sid: list[int]) -> list[dict]:
    """ratio_percent and attainment: A/B against the percentage stated with it."""
    lex = _lex()
    out, used_r, used_p = [], set(), set()
    for j, p in enumerate(nums):
        if not _is_plain_percent(p) or j in used_p:
            continue
        attain = bool(lex.attainment.match(text, p.end, min(len(text), p.end + 40)))
        i = j - 1
        # "A/B <unit> (bằng X%)": the ratio right before the percentage
        if i >= 0 and _is_ratio(nums[i]) and i not in used_r and sid[i] == sid[j] \
                and lex.adjacent.match(text[nums[i].end:p.start]):
            res = _ratio_result(text, nums, i, j, "attainment" if attain else "ratio_percent")
            if res["status"] == "ok" or not _weak_pair(text, nums[i], p):
                out.append(res)
            used_r.add(i), used_p.add(j)
            continue
        # "đạt X% (A/B <unit>)"
        k = j + 1
        if k < len(nums) and _is_ratio(nums[k]) and k not in used_r and sid[k] == sid[j] \
                and lex.reverse.match(text[p.end:nums[k].start]):
            res = _ratio_result(text, nums, k, j, "attainment" if attain else "ratio_percent")
            if res["status"] == "ok" or not _weak_pair(text, nums[k], p):
                out.append(res)
            used_r.add(k), used_p.add(j)
            continue
        # "mở 100/96 lớp với 12.651 học viên, đạt 104% theo kế hoạch năm"
        if attain:
            r = _nearest_ratio(text, nums, sid, j, used_r)
            if r is not None:
                res = _ratio_result(text, nums, r, j, "attainment")
                gap_nums = j - r - 1
                if gap_nums == 0 or res["status"] == "ok":
                    out.append(res)
                    used_r.add(r), used_p.add(j)
    return out


def _weak_pair(text: str, ratio: Span, pct: Span) -> bool:
    """True when the percentage may be of another base than the ratio's total.

    "455/462 đại biểu tán thành, chiếm 92,67% tổng số đại biểu Quốc hội": the
    percentage is of all 491 deputies, not of the 462 who voted.  "chiếm"
    and a named base after the percentage ("tổng số…", "cả nước") both allow
    that reading, and "chiếm 1/3" is a rough fraction; such a pair may
    confirm a ratio but never contradicts it.
    """
    lex = _lex()
    return bool(lex.weak_conn.search(text[max(0, pct.start - 20):pct.start])
                or lex.weak_conn.search(text[max(0, ratio.start - 20):ratio.start])
                or lex.base_after.match(text, pct.end, min(len(text), pct.end + 40))
                or ratio.attrs.get("approx"))


def _nearest_ratio(text, nums, sid, j, used_r) -> int | None:
    for i in range(j - 1, -1, -1):
        n = nums[i]
        if sid[i] != sid[j] or nums[j].start - n.end > 160:
            return None
        if n.attrs.get("percent"):
            return None
        if _is_ratio(n):
            gap = text[n.end:nums[j].start]
            return None if (i in used_r or ";" in gap) else i
    return None


def _ratio_result(text, nums, r: int, p: int, kind: str) -> dict:
    a, b = nums[r].attrs["value"], nums[r].attrs["total"]
    stated = nums[p].attrs["value"]
    surf_p = text[nums[p].start:nums[p].end]
    nd = _decimals(surf_p)
    computed = 100.0 * a / b
    tol = 10.0 ** -nd + 1e-9          # one unit of the last written digit: rounding or truncation
    ok = abs(computed - stated) <= tol
    ratio = text[nums[r].start:nums[r].end]
    shown = _fmt(stated, nd)
    if ok:
        msg = f"{ratio} = {computed:.2f}%, consistent with the stated {shown}%"
    else:
        msg = f"{ratio} = {computed:.2f}%, but the text states {shown}%"
    return _result(kind, "ok" if ok else "mismatch", stated, round(computed, 2), msg, sorted([r, p]))


# ------------------------------------------------------------ parts sum --

def _parts_sum(text: str, nums: list[Span], sid: list[int]) -> list[dict]:
    """A stated whole against its breakdown: "85 tổ chức cơ sở đảng, trong đó 41 đảng bộ, 44 chi bộ cơ sở".

    Breakdowns are often partial ("22 đảng viên, trong đó có 7 đảng viên
    trẻ") or overlapping ("740 đảng viên nữ, 112 đảng viên người dân tộc
    thiểu số"; "18 dự án du lịch, 11 dự án có cơ sở lưu trú"), so an equal
    sum is reported as ok, while a mismatch needs parts that are exclusive
    by definition: distinct members of one family (đảng bộ / chi bộ;
    xã / phường / thị trấn; giải nhất / nhì / ba).  A shortfall is a
    mismatch only when that family exhausts the whole ("tổ chức cơ sở
    đảng" = đảng bộ cơ sở + chi bộ cơ sở) or after "gồm" with a closed list.
    """
    lex = _lex()
    out = []
    for w, whole in enumerate(nums):
        if not _is_count(text, whole) or w + 1 >= len(nums) or sid[w + 1] != sid[w]:
            continue
        m = lex.whole.match(text, whole.end, min(len(text), whole.end + 140))
        if not m or not re.fullmatch(r"[\s:,]*(?:có[\s:,]*)?", text[m.end():nums[w + 1].start]):
            continue
        parts = _chain(text, nums, sid, w + 1, listy=bool(m.group("colon")))
        if len(parts) < 2:
            continue
        r = _parts_result(text, nums, w, parts, " ".join(m.group("conn").lower().split()))
        if r is not None:
            out.append(r)
    return out


def _chain(text: str, nums: list[Span], sid: list[int], k: int, listy: bool) -> list[int]:
    """Consecutive plain counts of one sentence, not broken by ";" (unless a "gồm:" list), "(" or a new "trong đó"."""
    parts, last_end = [], None
    while k < len(nums) and sid[k] == sid[k - 1 if parts else k]:
        n = nums[k]
        if parts:
            gap = text[last_end:n.start]
            if (";" in gap and not listy) or "(" in gap or ")" in gap or len(gap) > 120 \
                    or re.search(r"trong\s+đó|trong\s+số", gap, re.I):
                break
        if not _is_count(text, n):
            break
        parts.append(k)
        last_end = n.end
        k += 1
    return parts


def _family(text: str, nums: list[Span], parts: list[int]):
    """The exclusive family all parts belong to, as distinct members, or None."""
    lex = _lex()
    units = [(nums[k].attrs.get("unit") or "").lower() for k in parts]
    for name, members, exclude, wholes in lex.families:
        got = []
        for u in units:
            mem = next((mm for mm in members if u == mm or u.startswith(mm + " ")), None)
            if mem is None or any(x in u for x in exclude):
                break
            got.append(mem)
        else:
            if len(set(got)) == len(got):
                return name, set(got), members, wholes
    return None


def _parts_result(text, nums, w, parts, conn) -> dict | None:
    lex = _lex()
    stated = nums[w].attrs["value"]
    show = lambda ks: " + ".join(text[nums[k].start:nums[k].end] for k in ks)
    # ok: all parts, or a leading run of them, or the parts of the whole's own kind, add up exactly
    head = (nums[w].attrs.get("unit") or "").lower().split()[:1]
    same = [k for k in parts if (nums[k].attrs.get("unit") or "").lower().split()[:1] == head]
    for ks in [parts] + [parts[:i] for i in range(len(parts) - 1, 1, -1)] + ([same] if len(same) >= 2 else []):
        total = sum(nums[k].attrs["value"] for k in ks)
        if abs(total - stated) < 1e-9:
            return _result("parts_sum", "ok", stated, total,
                           f"{show(ks)} = {_fmt(total)}, matching the stated whole {_fmt(stated)}", [w] + ks)
    fam = _family(text, nums, parts)
    if fam is None:
        return None
    name, got, members, wholes = fam
    total = sum(nums[k].attrs["value"] for k in parts)
    if lex.overlap.search(text[nums[parts[0]].start:nums[parts[-1]].end]):
        return None
    whole_unit = (nums[w].attrs.get("unit") or "").lower()
    of_kind = any(whole_unit.startswith(x) for x in wholes)
    if total > stated and of_kind:
        return _result("parts_sum", "mismatch", stated, total,
                       f"the parts {show(parts)} add up to {_fmt(total)}, more than the stated whole {_fmt(stated)}",
                       [w] + parts)
    exhausts = of_kind and (got == set(members) or conn in lex.exhaustive)
    if total < stated and exhausts:
        return _result("parts_sum", "mismatch", stated, total,
                       f"the parts {show(parts)} add up to {_fmt(total)}, but the whole is stated as {_fmt(stated)}",
                       [w] + parts)
    return None


# ------------------------------------------------------------ share sum --

def _category(seg: str) -> int | None:
    """Rating class named in a text segment (the last and most specific wins: "không hoàn thành" over "hoàn thành")."""
    best = None
    for rank, rx in _lex().categories:
        for m in rx.finditer(seg):
            if best is None or m.end() > best[0] or (m.end() == best[0] and m.end() - m.start() > best[2]):
                best = (m.end(), rank, m.end() - m.start())
    return best[1] if best else None


def _subject(seg: str) -> str | None:
    best = None
    for label, rx in _lex().subjects:
        for m in rx.finditer(seg):
            if best is None or m.start() > best[0]:
                best = (m.start(), label)
    return best[1] if best else None


def _depth(text: str, sent_start: int, pos: int) -> int:
    seg = text[sent_start:pos]
    return seg.count("(") - seg.count(")")


def _share_sum(text: str, nums: list[Span], sid: list[int], sent_starts: list[int]) -> list[dict]:
    """Shares of one whole that add up past 100%.

    Two grammatical signs that percentages are shares of one whole: each is
    introduced by "chiếm" right after a plain count of the same kind, at the
    same bracket depth ("17 tổ chức cơ sở đảng …, chiếm 20%; 67 tổ chức cơ sở
    đảng …, chiếm 78,8%"), or each follows a different rating class of the
    same subject ("hoàn thành xuất sắc nhiệm vụ đạt 15,38%; hoàn thành tốt
    nhiệm vụ 61,54%; …").  Shares of named, differing bases are not grouped.
    Categories such as "được khen thưởng" may overlap, so a sum past 100%
    is a mismatch only when the members are distinct rating classes.
    """
    lex = _lex()
    groups: list[list[tuple]] = []
    cur: list = []
    sent_start = 0
    for j, n in enumerate(nums):
        if j == 0 or sid[j] != sid[j - 1]:
            cur = _close(cur, groups)
            sent_start = sent_starts[sid[j]] if sent_starts else 0
        a = n.attrs
        if not a.get("percent") or a.get("change") or a.get("approx") or a.get("compare_to") \
                or a.get("total") is not None or (a.get("unit") or "").startswith("%/"):
            continue
        clause_after = re.split(r"[;.,()]", text[n.end:n.end + 60], maxsplit=1)[0]
        prev_end = nums[j - 1].end if j and sid[j - 1] == sid[j] else sent_start
        seg = text[prev_end:n.start]
        if re.search(r"trở\s+lên|trở\s+xuống", clause_after + " " + seg, re.I):
            continue
        base = _base(text, n)
        if lex.chiem.search(text[max(0, n.start - 20):n.start]):
            cnt = nums[j - 1] if j and sid[j - 1] == sid[j] else None
            if cnt is None or not _is_amount(cnt):
                cur = _close(cur, groups)
                continue
            key = ("chiem", " ".join(cnt.attrs["unit"].lower().split()[:4]), _depth(text, sent_start, cnt.start))
            cat = _category(seg)
        else:
            cat = _category(seg)
            if cat is None:
                cur = _close(cur, groups)
                continue
            key = ("rating", _subject(text[max(sent_start, n.start - 200):n.start]) or "?", _depth(text, sent_start, n.start))
            if any(c[2] == cat for c in cur):
                cur = _close(cur, groups)
        if cur and (cur[0][1] != key or (base and cur[0][3] and base != cur[0][3])):
            cur = _close(cur, groups)
        cur.append((j, key, cat, base or (cur[0][3] if cur else None), seg))
    _close(cur, groups)
    return [r for g in groups if len(g) >= 2 for r in [_share_result(text, nums, g)] if r is not None]


def _share_result(text, nums, g) -> dict | None:
    idx = [c[0] for c in g]
    total = sum(nums[j].attrs["value"] for j in idx)
    tol = sum(10.0 ** -_decimals(text[nums[j].start:nums[j].end]) for j in idx) + 1e-9
    shown = " + ".join(text[nums[j].start:nums[j].end] for j in idx)
    if total <= 100.0 + tol:
        return _result("share_sum", "ok", 100.0, round(total, 2), f"shares {shown} add up to {_fmt(total)}%, within 100%", idx)
    cats = [c[2] for c in g]
    if g[0][1][0] == "chiem" and (None in cats or len(set(cats)) < len(cats)):
        return None        # "chiếm" shares exceed 100% only provably when they are distinct rating classes
    return _result("share_sum", "mismatch", 100.0, round(total, 2),
                   f"shares of one whole {shown} add up to {_fmt(total)}%, more than 100%", idx)


def _base(text: str, n: Span) -> str | None:
    """The named base written after a percentage: "chiếm 14,25% tổng số đảng viên được đánh giá" → "tổng số đảng viên…"."""
    m = re.match(r"[ \t\u00a0]*,?[ \t\u00a0]*((?:trong |trên |so với |của )?tổng[^;.,()\d\n]{0,60})", text[n.end:n.end + 80], re.I)
    return " ".join(m.group(1).lower().split()) if m else None


def _close(cur: list, groups: list) -> list:
    if cur:
        groups.append(cur)
    return []


# --------------------------------------------------------------- period --

def _period(text: str) -> list[dict]:
    """Impossible periods ("nhiệm kỳ 2020 -2015"): only mismatches are reported."""
    lex = _lex()
    out = []
    for rx in (lex.period, lex.period_tu):
        for m in rx.finditer(text):
            a, b = int(m.group("a")), m.group("b")
            b = int(b) if len(b) == 4 else (a // 100) * 100 + int(b)
            if b < a:
                surf = text[m.start("a"):m.end("b")]
                out.append(_result("period", "mismatch", surf, None,
                                   f"the period {surf} ends ({b}) before it starts ({a})", [],
                                   where=[m.start("a"), m.end("b")]))
    return out
