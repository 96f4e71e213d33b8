"""Numeric claims (``NUM``): counts, ratios, percentages, amounts and measures.

Party and state reports are dense with figures ("đã đại hội xong 382/387 chi
bộ", "kết nạp 218 đảng viên (đạt 106,3%)"), and they are what an analyst
wants in a table and what `pipeline.checks` can verify.  Most digits in such
articles are *not* claims, though: years ("nhiệm kỳ 2020-2025"), dates
("Sáng 17/1"), document numbers ("Chỉ thị số 05-CT/TW"), ordinals and
identifiers ("lần thứ 17", "tổ dân phố số 2"), periods that frame a narrative
("Sau 5 năm thực hiện"), anniversaries and page counters.  So the extractor is
one compiled candidate regex followed by cheap context tests on a few dozen
characters around each candidate; all the vocabulary lives in
``pipeline/data/claims.json``.

Vietnamese writes ``.`` for thousands and ``,`` for decimals: "11.940" is
11940, "35,08%" is 35.08 per cent.  An English-style "2.5" (one or two digits
after the dot) is read as a decimal.  Each end of a range is its own claim
("5-7 người" → 5 and 7 người; "từ 200 đến 300 triệu đồng" → 200 million and
300 million đồng), see `_range`.

    >>> [(s.attrs["value"], s.attrs["total"], s.attrs["unit"]) for s in find("Đã đại hội xong 382/387 chi bộ.")]
    [(382.0, 387.0, 'chi bộ')]
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import regex as re

from .resources import check_keys, load_json
from .spans import Span

__all__ = ["find", "parse_number"]

_DATA = "claims.json"
_KEYS = {
    "_doc", "approx", "comparative_before_hon", "scale", "unit_symbols", "rate_periods",
    "year_context", "date_context", "date_context_weak", "ident_before", "ident_before_cs",
    "ident_before_exceptions", "ident_if_unitless", "doc_kinds", "frame_before", "time_units",
    "frame_after", "anniversary_before", "anniversary_after", "figures_of_speech",
    "chrome_before", "chrome_before_colon", "chrome_after", "unit_stop_words",
    "unit_stop_phrases", "unit_max_tokens", "percent_null_before", "percent_null_unit",
    "change_before", "growth_words", "count_verbs", "unit_capital_ok", "unit_title_heads",
    "measure_units", "unit_coordinations", "date_context_exceptions", "checks", "coordinate_after",
    "frame_before_initial", "unit_noun_phrases", "ident_after",
}

SP = r"[ \t\u00a0]"          # a space inside a line (never a newline)
_R = re.REVERSE               # patterns anchored at the end of a window are searched backwards: one attempt
_NUMBER = r"\d+(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?|\d+(?:[.,]\d+)?"


def _alt(words) -> str:
    """Alternation of phrases, longest first, any inline space run matching a space."""
    return "|".join((SP + "+").join(re.escape(p) for p in w.split()) for w in sorted(set(words), key=len, reverse=True))


def _tail(words, *, colon: bool = False, cs: bool = False, start_word: bool = True):
    """Regex matching when a window *ends* with one of `words` (plus a space or a colon).

    Used on the text just before a candidate: "Kế hoạch số 155" → the window
    "…Kế hoạch số " ends with the identifier word "số".
    """
    lead = r"(?:^|(?<![\p{L}\p{M}\p{N}]))" if start_word else ""
    sep = rf"{SP}*:{SP}*" if colon else rf"{SP}*:?{SP}*"
    flags = 0 if cs else re.I
    return re.compile(rf"{lead}(?:{_alt(words)}){sep}$", flags | re.V1 | _R)


def _by_first_word(phrases) -> dict:
    """{"hoàn": (("hoàn", "thành"),), …}: stop phrases looked up by their first word."""
    out: dict = {}
    for p in sorted((tuple(p.lower().split()) for p in phrases), key=len, reverse=True):
        out.setdefault(p[0], []).append(p)
    return {k: tuple(v) for k, v in out.items()}


def _head(words, cs: bool = False):
    """Regex matching when a window *starts* (after spaces) with one of `words`."""
    return re.compile(rf"{SP}*(?:{_alt(words)})(?![\p{{L}}\p{{M}}])", (0 if cs else re.I) | re.V1)


@dataclass(frozen=True)
class _Lex:
    cand: re.Pattern
    cand_at: re.Pattern
    range_mid: re.Pattern
    approx_re: re.Pattern
    approx: dict
    scale: dict
    hon_comparative: re.Pattern
    year_ctx: re.Pattern
    year_list: re.Pattern
    date_ctx: re.Pattern
    date_ctx_weak: re.Pattern
    date_exc: re.Pattern
    ident: re.Pattern
    ident_cs: re.Pattern
    ident_exc: re.Pattern
    ident_unitless: re.Pattern
    ident_list: re.Pattern
    capital_ok: frozenset
    title_heads: frozenset
    measure_units: frozenset
    coord_re: re.Pattern
    proper_after: re.Pattern
    doc_kind: re.Pattern
    frame_before: re.Pattern
    frame_initial: re.Pattern
    period_after: re.Pattern
    quote_open: re.Pattern
    coordinate: re.Pattern
    one_of: re.Pattern
    ident_after: re.Pattern
    superscript_left: re.Pattern
    time_unit_after: re.Pattern
    frame_after: re.Pattern
    anniv_before: re.Pattern
    anniv_after: re.Pattern
    figures: tuple
    chrome_before: re.Pattern
    chrome_colon: re.Pattern
    chrome_after: re.Pattern
    unit_re: re.Pattern
    stop_words: frozenset
    stop_phrases: dict
    noun_phrases: dict
    place_name_after: re.Pattern
    max_tokens: int
    pct_null_before: re.Pattern
    pct_null_unit: re.Pattern
    change_before: dict
    change_re: re.Pattern
    change_so_voi: re.Pattern
    growth: re.Pattern
    compare_after: re.Pattern
    count_verbs: re.Pattern
    prev_word: re.Pattern
    range_end: re.Pattern
    list_marker_left: re.Pattern
    list_marker_right: re.Pattern
    bare_list_left: re.Pattern
    bare_list_right: re.Pattern
    day_month: re.Pattern
    line_left: re.Pattern
    line_right: re.Pattern
    range_start: re.Pattern
    anniv_years: re.Pattern
    digit_tail: re.Pattern
    glued: re.Pattern
    version: re.Pattern
    phone: re.Pattern
    hour_left: re.Pattern
    hour_right: re.Pattern


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    d = load_json(_DATA)
    check_keys(d, _KEYS, _DATA)
    approx_alt = _alt(d["approx"])
    scale_alt = _alt(d["scale"])
    rate_alt = _alt(d["rate_periods"])
    sym_alt = _alt(d["unit_symbols"])
    nl = r"(?![\p{L}\p{M}])"
    body = (
        rf"""
        (?P<num>{_NUMBER})
        (?:/(?P<den>{_NUMBER})(?P<more>(?:/\d+)+)?)?
        (?P<scale>(?:{SP}+(?i:{scale_alt}){nl})+(?:{SP}+\d{{1,3}}(?:,\d+)?{SP}+(?i:{scale_alt}){nl})*)?
        (?P<pct>{SP}?%(?:/(?:{rate_alt}){nl})?)?
        (?P<sym>(?:[kcd]?m{SP}[23](?![\p{{L}}\p{{M}}\p{{N}}]|[.,]\d)|{sym_alt})(?:/(?:h|giờ|s|{rate_alt}))?(?![\p{{L}}\p{{M}}\p{{N}}]))?
        """
    )
    cand = re.compile(rf"(?<![\p{{L}}\p{{M}}\p{{N}}_/.,:+\-–#@&%]){body}", re.X | re.V1)
    tok = r"[\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:/[\p{L}\p{M}\p{N}]+)*"
    unit_re = re.compile(rf"{SP}+({tok}(?:{SP}+{tok})*)", re.V1)
    figs = tuple(
        (re.compile(rf"(?:^|(?<![\p{{L}}\p{{M}}])){_alt([f['before']])}{SP}+$", re.I | re.V1 | _R),
         _head([f["after"]]))
        for f in d["figures_of_speech"]
    )
    change_keys = d["change_before"]
    return _Lex(
        cand=cand,
        # the second number of a range, right after "-" or "đến": "5-7 người", "từ 200 đến 300 triệu"
        cand_at=re.compile(body, re.X | re.V1),
        range_mid=re.compile(rf"{SP}*[-–—]{SP}*|{SP}+(?:đến|tới){SP}+(?=\d)", re.I),
        approx_re=re.compile(rf"(?:^|(?<![\p{{L}}\p{{M}}]))(?:{approx_alt}){SP}+$", re.I | re.V1 | _R),
        approx={k.lower(): v for k, v in d["approx"].items()},
        scale={k.lower(): Decimal(v) for k, v in d["scale"].items()},
        hon_comparative=_tail(d["comparative_before_hon"]),
        year_ctx=_tail(d["year_context"]),
        year_list=re.compile(rf"(?<!\d)(?:1[89]|20)\d\d{SP}*(?:,|và|-|–|—|đến|tới|hoặc|/){SP}*$", re.I | _R),
        date_ctx=_tail(d["date_context"]),
        date_ctx_weak=_tail(d["date_context_weak"]),
        date_exc=_tail(d["date_context_exceptions"]),
        ident=_tail(d["ident_before"]),
        ident_cs=_tail(d["ident_before_cs"], cs=True),
        ident_exc=_tail(d["ident_before_exceptions"]),
        ident_unitless=_tail(d["ident_if_unitless"]),
        # "các Khoản 1, 2, 3 và 4", "quận 1, 3, 5": later members of an identifier list
        ident_list=re.compile(
            rf"(?:^|(?<![\p{{L}}\p{{M}}]))(?:{_alt(d['ident_before'] + d['ident_if_unitless'] + d['doc_kinds'])})"
            rf"(?:{SP}+số)?{SP}*\d+[a-zA-Z]?(?:{SP}*(?:,|;|và|hoặc|đến|-|–){SP}*\d+[a-zA-Z]?)*{SP}*(?:,|;|và|hoặc|đến){SP}*$",
            re.I | re.V1 | _R),
        capital_ok=frozenset(d["unit_capital_ok"]),
        title_heads=frozenset(d["unit_title_heads"]),
        measure_units=frozenset(d["measure_units"]),
        # "168/168 thôn, tổ dân phố", "xã, phường, thị trấn": one coordinated unit
        coord_re=re.compile(
            rf"(?:{_alt(d['unit_coordinations'])})(?:{SP}*,{SP}*(?:{_alt(d['unit_coordinations'])}))+(?![\p{{L}}\p{{M}}])",
            re.I | re.V1),
        proper_after=re.compile(rf"{SP}+(\p{{Lu}}[\p{{Ll}}\p{{M}}]*){SP}+\p{{Lu}}[\p{{Ll}}\p{{M}}]", re.V1),
        doc_kind=re.compile(rf"(?:^|(?<![\p{{L}}\p{{M}}]))(?:{_alt(d['doc_kinds'])})(?:{SP}+số)?{SP}*:?{SP}*$", re.I | re.V1 | _R),
        frame_before=_tail(d["frame_before"]),
        # "Trong 3 năm, …" frames what follows; "được tổ chức trong 0,5 ngày" states a length
        frame_initial=re.compile(
            rf"(?:(?:^|[\n.,;:!?(\[“\"«\-–—…]){SP}*(?i:{_alt(d['frame_before_initial'])})"
            rf"|(?<![\p{{L}}\p{{M}}])(?:{_alt(w[:1].upper() + w[1:] for w in d['frame_before_initial'])})){SP}+$",
            re.V1 | _R),
        # "Chiến lược 10 năm 2011-2020", "kế hoạch 5 năm (2021 - 2025)": the name of a period
        period_after=re.compile(
            rf"{SP}+năm{SP}+(?:giai{SP}+đoạn{SP}+)?\(?(?:19|20)\d\d{SP}*[-–—]{SP}*\d{{2,4}}(?!\d)", re.I),
        # an opening quote between a framing word and the figure: 'tổng kết "50 năm giữ gìn …"'
        quote_open=re.compile(r"(?<=\S)[ \t]*(?:[“«]|(?<=[\s(])\")[ \t]*$"),
        coordinate=_head(d["coordinate_after"]),
        superscript_left=re.compile(rf"[\d/][kcd]?m{SP}$", _R),
        ident_after=_head(d["ident_after"]),
        one_of=re.compile(rf"{SP}+trong{SP}+(?:số{SP}+)?(?:\d|(?:những|các)(?![\p{{L}}\p{{M}}]))", re.I | re.V1),
        time_unit_after=_head(d["time_units"]),
        frame_after=_head(d["frame_after"]),
        anniv_before=_tail(d["anniversary_before"]),
        anniv_after=re.compile(
            rf"^(?:{SP}*(?:,|và){SP}*\d+)*{SP}+(?:{_alt(d['anniversary_after'])})(?![\p{{L}}\p{{M}}])", re.I | re.V1),
        figures=figs,
        chrome_before=_tail(d["chrome_before"]),
        chrome_colon=_tail(d["chrome_before_colon"], colon=True),
        chrome_after=_head(d["chrome_after"]),
        unit_re=unit_re,
        stop_words=frozenset(w.lower() for w in d["unit_stop_words"]),
        stop_phrases=_by_first_word(d["unit_stop_phrases"]),
        noun_phrases=_by_first_word(d["unit_noun_phrases"]),
        # "thương binh 81% xã Đạo Nghĩa": a place follows the rate, nothing is counted
        place_name_after=re.compile(
            rf"{SP}+(?i:xã|phường|thị trấn|huyện|quận|thị xã|thành phố|tỉnh|thôn|ấp|bản|làng){SP}+\p{{Lu}}", re.V1),
        max_tokens=int(d["unit_max_tokens"]),
        pct_null_before=_tail(d["percent_null_before"]),
        pct_null_unit=_head(d["percent_null_unit"]),
        change_before={" ".join(k.lower().split()): v for k, v in change_keys.items()},
        change_re=_tail(change_keys),
        change_so_voi=re.compile(
            rf"(?:^|(?<![\p{{L}}\p{{M}}]))(tăng|giảm){SP}+so{SP}+với{SP}+([^\d;.()\n]{{1,60}}?){SP}+(?:là|đạt|ở{SP}+mức|khoảng|đến)?{SP}*$",
            re.I | re.V1 | _R),
        growth=re.compile(rf"(?:{_alt(d['growth_words'])})[^;.()\n\d]{{0,70}}$", re.I | re.V1 | _R),
        compare_after=re.compile(
            rf"{SP}*\)?{SP}*so{SP}+với{SP}+([^,;.()\n:\d]+?|(?:năm|cùng kỳ(?:{SP}+năm)?)?{SP}*\d{{4}})"
            rf"(?=[,;.()\n:]|{SP}+(?:và|là|thì|nhưng|đạt|chiếm|tăng|giảm|trong)(?![\p{{L}}\p{{M}}])|$)",
            re.I | re.V1),
        count_verbs=_tail(d["count_verbs"]),
        prev_word=re.compile(rf"(?<![\p{{L}}\p{{M}}\p{{N}}])([\p{{L}}\p{{M}}][\p{{L}}\p{{M}}\p{{N}}]*)(\.?){SP}+$", re.V1 | _R),
        range_end=re.compile(rf"\d{SP}*[-–—]{SP}*$", _R),
        list_marker_left=re.compile(rf"(?:^|\n|[.;:!?)”\"]{SP}+|^{SP}+|\n{SP}+)$", _R),
        list_marker_right=re.compile(rf"(?:[.):]|{SP}?[-–]{SP})(?:{SP}*\p{{Lu}}|{SP}*(?:\n|$))", re.V1),
        range_start=re.compile(rf"{SP}*[-–—]{SP}*\d"),
        bare_list_left=re.compile(rf"(?<![\d.,/])\d+{SP}*,{SP}*$", _R),
        bare_list_right=re.compile(rf"{SP}*,{SP}*\d+(?=[\d.,/]*{SP}*(?:[,;.)\]\n]|(?:và|hoặc){SP}*\d|$))", re.V1),
        day_month=re.compile(rf"{SP}+(?:(?i:tháng|điều|khoản|mục|chương){SP}+\d|(?i:tháng){SP}+(?:Giêng|Chạp|giêng|chạp))", re.V1),
        line_left=re.compile(rf"(?:^|\n){SP}*$", _R),
        line_right=re.compile(rf"{SP}*(?:\n|$)"),
        anniv_years=re.compile(rf"(?:{SP}*(?:,|và){SP}*\d+)*{SP}+năm(?![\p{{L}}\p{{M}}])", re.I | re.V1),
        digit_tail=re.compile(rf"\d{SP}*$", _R),
        glued=re.compile(r"[\p{L}\p{M}]+", re.V1),
        version=re.compile(r"\d\.0"),
        phone=re.compile(r"(?<![\d.,])(?:\+84|\(?0\d{1,3}\)?)[ .\-]?\d{3,4}[ .\-]?\d{3,4}(?![\d.,]\d)"),
        hour_left=re.compile(rf"\d{SP}*(?:giờ|h){SP}*$", re.I | _R),
        hour_right=re.compile(rf"^{SP}*(?:giờ|h){SP}*(?:\d|sáng|chiều|tối|trưa|đêm|ngày)", re.I),
    )


def parse_number(s: str) -> float:
    """Read a number written the Vietnamese way, tolerating English style.

    "11.940" → 11940, "35,08" → 35.08, "1.234.567" → 1234567, "2.5" → 2.5
    (a dot followed by one or two digits can only be a decimal point).
    """
    if "." in s and re.fullmatch(r"\d+(?:\.\d{3})+(?:,\d+)?", s):
        return float(s.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?", s):
        return float(s.replace(",", ""))
    return float(s.replace(",", "."))


def _scaled(value: float, scale: str, lex: _Lex) -> float:
    """Apply scale words: "394 tỷ 581 triệu" → 394e9 + 581e6, "1,2 nghìn tỷ" → 1.2e12.

    Computed in decimal so that "1,015 tỷ" is exactly 1015000000, not 1014999999.9999999.
    """
    if not scale:
        return value
    toks = scale.split()
    mult, i = Decimal(1), 0
    while i < len(toks) and toks[i].lower() in lex.scale:
        mult *= lex.scale[toks[i].lower()]
        i += 1
    total = Decimal(repr(value)) * mult
    while i < len(toks):
        n = Decimal(repr(parse_number(toks[i])))
        i += 1
        m = Decimal(1)
        while i < len(toks) and toks[i].lower() in lex.scale:
            m *= lex.scale[toks[i].lower()]
            i += 1
        total += n * m
    return float(total)


def _unit(text: str, end: int, lex: _Lex) -> tuple[str | None, int]:
    """The counted noun phrase right after a number, and where it ends.

    Stops at punctuation, a digit, a stop word ("của", "đạt", "trong"…) or a
    stop phrase ("hoàn thành", "so với"…), and after a few syllables:
    "382/387 chi bộ thuộc đảng bộ cơ sở" → "chi bộ".
    """
    m = lex.unit_re.match(text, end, min(len(text), end + 120))
    if not m:
        return None, end
    c = lex.coord_re.match(text, m.start(1), min(len(text), end + 120))
    if c:
        return c.group(0), c.end()
    toks = m.group(1).split()
    keep: list[str] = []
    low = [t.lower() for t in toks]
    i = 0
    if low[0] in lex.noun_phrases:
        # "03 bằng Tổ quốc ghi công", "20 bằng khen": "bằng" is the noun here, not "equal to"
        p = next((p for p in lex.noun_phrases[low[0]] if tuple(low[:len(p)]) == p), ())
        keep, i = list(toks[:len(p)]), len(p)
    while i < len(toks) and len(keep) < lex.max_tokens:
        if low[i] in lex.stop_words:
            break
        if low[i] in lex.stop_phrases and any(tuple(low[i:i + len(p)]) == p for p in lex.stop_phrases[low[i]]):
            break
        if keep and _starts_proper(toks[i]) and toks[i] not in lex.capital_ok:
            break                      # "1.200 cây xà cừ Phục vụ…": a new headline or a name
        keep.append(toks[i])
        i += 1
    if not keep:
        return None, end
    # position where the kept tokens end in the text
    pos = m.start(1)
    for t in keep:
        pos = text.index(t, pos) + len(t)
    if len(keep) > 1 and keep[-1].lower() in _TIME_WORDS and text[pos:pos + 2].strip()[:1].isdigit():
        pos -= len(keep.pop())                          # "2,2 tỷ USD năm 2003" → "USD"
        pos = text.rindex(keep[-1], 0, pos) + len(keep[-1])
    return " ".join(keep), pos


_TIME_WORDS = frozenset({"năm", "tháng", "ngày", "quý"})


def _starts_proper(tok: str) -> bool:
    """Capitalised but not an acronym: "Phục", "Ninh" (not "HĐND", "UBND")."""
    return tok[:1].isupper() and not tok.isupper()


def _left(text: str, start: int, n: int = 48) -> str:
    return text[max(0, start - n):start]


def _is_year_like(num: str) -> bool:
    return len(num) == 4 and num.isdigit() and num[:2] in ("18", "19", "20")


def _date_shaped(a: str, b: str | None) -> bool:
    if b is None or not (a.isdigit() and b.isdigit()):
        return False
    return 1 <= int(a) <= 31 and 1 <= int(b) <= 12 and len(a) <= 2 and len(b) <= 2


def _reject_right(text: str, e: int) -> str | None:
    """Why the characters right after a candidate make it a non-claim, if they do."""
    nxt = text[e:e + 3]
    if not nxt:
        return None
    c = nxt[0]
    if c in "-–" and len(nxt) > 1 and (nxt[1].isalnum()):
        return "code-or-range"         # 05-CT/TW, 2-3, 20-12-2010
    if c == "/" and len(nxt) > 1 and nxt[1].isalnum():
        return "code"                  # 123/QĐ-UBND
    if c in ":.," and len(nxt) > 1 and nxt[1].isdigit():
        return "time-or-dotted"        # 14:27, 2.8.2019
    if c in "+_@#":
        return "code"                  # 9+, F0_1
    if c.isdigit():
        return "malformed"             # "50.0000": a digit after a thousands group
    return None


def _glued_word(text: str, e: int, lex: "_Lex") -> str | None:
    m = lex.glued.match(text, e, min(len(text), e + 30))
    return m.group(0) if m else None


def find(text: str) -> list[Span]:
    """All numeric claims in `text`, as flat non-overlapping ``NUM`` spans.

    attrs: value, total, percent, unit, approx, change, compare_to.

        >>> s = find("Toàn Đảng bộ huyện hiện có trên 11.940 đảng viên.")[0]
        >>> (s.attrs["value"], s.attrs["approx"], s.attrs["unit"])
        (11940.0, 'over', 'đảng viên')
    """
    lex = _lex()
    phones = [(m.start(), m.end()) for m in lex.phone.finditer(text)]
    out: list[Span] = []
    skip = 0
    for m in lex.cand.finditer(text):
        if m.start() < skip:
            continue                                   # the second number of a range already read
        rng = _range(text, m, lex, phones)
        if rng is not None:
            spans, skip = rng
            out.extend(spans)
            continue
        sp = _claim(text, m, lex, phones)
        if sp is not None:
            out.append(sp)
    return out


def _range(text: str, m, lex: _Lex, phones) -> tuple[list[Span], int] | None:
    """Both numbers of a range, each its own claim: "5-7 người" → "5", "7"; "từ 3m – 4m" → "3m", "4m".

    The second number carries the unit, the scale and the per cent sign for
    both ("từ 200 đến 300 triệu đồng": 200 is 200 million đồng); the context
    before the first decides for both ("cấp 6-7", "giai đoạn 2016-2020" are not
    claims).  A range must rise and end in something counted or measured, so
    "20-12", "3-1" are not ranges.  None when `m` does not start a range.
    """
    if m.group("den") or m.group("more") or m.group("scale") and m.group("sym"):
        return None
    mid = lex.range_mid.match(text, m.end(), min(len(text), m.end() + 8))
    if not mid:
        return None
    m2 = lex.cand_at.match(text, mid.end())
    if not m2 or m2.group("den") or m2.group("more"):
        return None
    num1 = m.group("num")
    second = _claim(text, m2, lex, phones, left_at=m.start())
    if second is None or _is_year_like(num1) or any(a <= m.start() < b for a, b in phones):
        return [], m2.end()
    if not (second.attrs["unit"] or second.attrs["percent"] or m2.group("scale")):
        # "khoảng 200 đến 350" reads as two figures; a bare "2-3" is a score, a level or a code
        return None if mid.group(0).strip() in ("đến", "tới") else ([], m2.end())
    scale = m.group("scale") or ("" if m.group("sym") or m.group("pct") else m2.group("scale") or "")
    if _english_thousands(num1, scale, m.group("pct"), m.group("sym"), second.attrs["unit"], lex):
        num1 = num1.replace(",", "")
    value = _scaled(parse_number(num1), scale, lex)
    if not value < second.attrs["value"] or (num1.startswith("0") and len(num1) >= 4):
        return [], m2.end()
    start, approx_word = _approx(text, m.start("num"), lex)
    left = _left(text, start)
    change, compare_to = _change(text, start, left, lex, second.attrs["percent"])
    first = Span("NUM", start, m.end(), {
        "value": value,
        "total": None,
        "percent": second.attrs["percent"],
        "unit": m.group("sym") or second.attrs["unit"],
        "approx": lex.approx[" ".join(approx_word.lower().split())] if approx_word else None,
        "change": change,
        "compare_to": compare_to or second.attrs["compare_to"],
    })
    return [first, second], m2.end()


def _claim(text: str, m, lex: _Lex, phones, left_at: int | None = None) -> Span | None:
    """One candidate as a claim, or None.  `left_at`: read the left context there (a range's first number)."""
    num, den, scale, pct, sym = m.group("num"), m.group("den"), m.group("scale") or "", m.group("pct"), m.group("sym")
    ns, e = m.start("num"), m.end()
    if m.group("more"):
        return None                                    # 26/03/2020
    if any(a <= ns < b for a, b in phones):
        return None
    glued = _glued_word(text, e, lex)
    glued_unit = None
    if glued is not None:
        # "48.676hội viên" (a lost space) is a count; "516E", "5G", "14h30" are codes.
        if glued.islower() and len(glued) >= 3 and not sym and not pct and glued not in lex.stop_words:
            glued_unit = glued
        else:
            return None
    if pct and sym:
        return None
    if _reject_right(text, e):
        return None
    if num.startswith("0") and len(num.split(",")[0].replace(".", "")) >= 4:
        return None                                    # 0236…, 0912.345.678
    if num.isdigit() and len(num) >= 7 and not scale:
        return None                                    # counters, codes
    if lex.version.fullmatch(num):
        return None                                    # 4.0
    if left_at is None:
        start, approx_word = _approx(text, ns, lex)
        left, left_num = _left(text, start), _left(text, ns)
    else:
        start, approx_word = ns, None
        left = left_num = _left(text, left_at)
    # ---- unit ----------------------------------------------------------
    if pct and "/" in pct:
        unit, uend = "%" + pct.split("%", 1)[1], e
    elif sym:
        unit, uend = "".join(sym.split()), e          # "26.500m 2": a superscript lost by the scraper
    elif glued_unit:
        unit, uend = _unit(" " + text[e:e + 120], 0, lex)[0] or glued_unit, e + len(glued_unit)
    else:
        unit, uend = _unit(text, e, lex)
        if unit and pct and (lex.pct_null_before.search(left) or lex.pct_null_unit.match(text, e, e + 40)
                             or lex.place_name_after.match(text, e, e + 40)):
            unit, uend = None, e
    plain = not (pct or scale or sym or den or approx_word)
    # ---- rejections ------------------------------------------------------
    cand = _Cand(text, start, ns, e, num, den, pct, unit, plain, left, left_num, text[e:e + 60])
    if _rejected(cand, lex):
        return None
    if _english_thousands(num, scale, pct, sym, unit, lex):
        num = num.replace(",", "")                    # "5,240 phòng": English thousands, not 5.24 rooms
    value = _scaled(parse_number(num), scale, lex)
    total = _scaled(parse_number(den), scale, lex) if den else None   # "923,835/1.010 tỷ": both in tỷ
    change, compare_to = _change(text, start, left, lex, bool(pct))
    cm = lex.compare_after.match(text, uend, min(len(text), uend + 90))
    if cm and compare_to is None:
        compare_to = " ".join(cm.group(1).split())
    attrs = {
        "value": value,
        "total": total,
        "percent": bool(pct),
        "unit": unit,
        "approx": lex.approx[" ".join(approx_word.lower().split())] if approx_word else None,
        "change": change,
        "compare_to": compare_to,
    }
    return Span("NUM", start, e, attrs)


def _english_thousands(num: str, scale: str, pct, sym, unit: str | None, lex: _Lex) -> bool:
    """A single ",ddd" group reads as English thousands when what follows is counted, not measured.

    Vietnamese decimals rarely carry three digits except for amounts and
    measures ("1,125 tỷ đồng", "2,125 ha"), so "5,240 phòng" is 5240 rooms.
    """
    if not re.fullmatch(r"\d{1,3},\d{3}", num) or scale or pct or sym or not unit:
        return False
    return unit.split()[0].lower() not in lex.measure_units


def _approx(text: str, ns: int, lex: _Lex) -> tuple[int, str | None]:
    """Start of the span and its approximation word, which the guidelines put inside: "trên 11.940".

    "cao hơn 5%" is a comparison and "thứ 5 trên 63 tỉnh" a rank, so there
    the word stays outside.
    """
    m = lex.approx_re.search(_left(text, ns, 24))
    if not m:
        return ns, None
    start = ns - (len(_left(text, ns, 24)) - m.start())
    word = " ".join(m.group(0).split()).lower()
    lw = _left(text, start)
    if (word == "hơn" and lex.hon_comparative.search(lw)) or (word == "trên" and lex.digit_tail.search(lw)):
        return ns, None
    return start, text[start:ns].strip()


def _change(text: str, start: int, left: str, lex: _Lex, pct: bool) -> tuple[str | None, str | None]:
    """increase/decrease when the figure is a change: "tăng 3,3%", "(tăng so với nhiệm kỳ trước là 23,5%)".

    "giảm còn 2%" / "tăng lên 20%" state a new level, not a change, so only
    the bare verb directly before the figure counts.  A growth rate
    ("tốc độ tăng trưởng … đạt 12,06%/năm") is an increase.
    """
    m = lex.change_re.search(left)
    if m:
        key = " ".join(m.group(0).lower().replace(":", " ").split())
        return lex.change_before.get(key, "increase" if key.startswith("tăng") else "decrease"), None
    m = lex.change_so_voi.search(left)
    if m:
        return ("increase" if m.group(1).lower() == "tăng" else "decrease"), " ".join(m.group(2).split())
    if pct and lex.growth.search(left):
        return "increase", None
    return None, None


@dataclass(slots=True)
class _Cand:
    """One candidate number and the context the rejection tests look at."""
    text: str
    start: int          # span start (approximation word included)
    ns: int             # where the digits start
    end: int
    num: str
    den: str | None
    pct: str | None
    unit: str | None
    plain: bool         # a bare number: no %, scale, symbol, ratio or approximation
    left: str           # text before the span
    left_num: str       # text before the digits
    right: str          # text after the span


def _rejected(c: _Cand, lex: _Lex) -> bool:
    """True when the candidate is not a numeric claim (any of the context tests says so)."""
    return any(test(c, lex) for test in _TESTS)


def _is_enumerator(c: _Cand, lex: _Lex) -> bool:
    """List numbering and marks: "(1)", "[7]", "2. Đại diện…", "các sư đoàn 308, 304", a number alone on a line."""
    if not c.plain:
        return False
    if c.ns > 0 and c.text[c.ns - 1] in "([" and c.text[c.end:c.end + 1] in ")]":
        return True
    if lex.list_marker_right.match(c.right) and lex.list_marker_left.search(c.left_num):
        return True
    if c.unit is None and (lex.bare_list_left.search(c.left_num) or lex.bare_list_right.match(c.right)):
        return True
    return c.unit is None and bool(lex.line_left.search(c.left_num) and lex.line_right.match(c.right))


def _is_range_or_time(c: _Cand, lex: _Lex) -> bool:
    """What `_range` did not read as a range ("2015 - 2020", "7-8/2020"), times ("8 giờ 30"),
    "tuần 3 tháng 5", "điểm 2 điều 38", the "2" of a broken "m 2"."""
    if lex.range_start.match(c.right) or lex.range_end.search(c.left_num):
        return True
    if lex.hour_right.match(c.right) or (c.plain and lex.hour_left.search(c.left_num)):
        return True
    if c.plain and c.num in ("2", "3") and lex.superscript_left.search(c.left_num):
        return True                                    # "6 triệu/m 2": the ² of a unit, not a figure
    return c.plain and bool(lex.day_month.match(c.right))


def _is_chrome(c: _Cand, lex: _Lex) -> bool:
    """Page furniture: "Lượt xem: 390", "Hôm nay: 30", "(0 Bình chọn)"."""
    return bool(lex.chrome_before.search(c.left) or lex.chrome_colon.search(c.left) or lex.chrome_after.match(c.right))


def _is_year(c: _Cand, lex: _Lex) -> bool:
    """Years: "năm 2024", "(2015, 2016)", "APEC 2017", "tháng 6/2019"; "có 2000 hộ" stays a count."""
    if c.plain and _is_year_like(c.num):
        pw = lex.prev_word.search(c.left)
        return bool(lex.year_ctx.search(c.left) or lex.year_list.search(c.left) or c.unit is None
                    or c.unit[:1].isupper() or (pw and pw.group(1)[:1].isupper())
                    or lex.date_ctx.search(c.left) or lex.date_ctx_weak.search(c.left))
    return bool(c.den and not c.pct and _is_year_like(c.den) and int(c.num.split(",")[0].replace(".", "")) <= 12)


def _is_date(c: _Cand, lex: _Lex) -> bool:
    """Dates: "Sáng 17/1", "ngày 3"; a day/month shape is a ratio only when something is counted ("11/5 đảng viên")."""
    if lex.date_ctx.search(c.left) and not lex.date_exc.search(c.left) and _day_like(c):
        return True                                    # "ngày 3", but "mỗi ngày 5 tấn" is a rate
    if c.den and _date_shaped(c.num, c.den):
        if lex.date_ctx_weak.search(c.left):
            return True
        return (c.unit is None or c.unit[:1].isupper()) and not lex.count_verbs.search(c.left)
    return False


def _day_like(c: _Cand) -> bool:
    """Could be a day or month: "ngày 3", "Sáng 17/1"; not "cây dài ngày 40.56ha" (a measure)."""
    return not c.pct and c.text[c.ns:c.end] == c.num + (("/" + c.den) if c.den else "")   # no %, scale or symbol


def _is_identifier(c: _Cand, lex: _Lex) -> bool:
    """Document numbers and identifiers: "Kế hoạch số 155", "Trung ương 4", "Quốc lộ 14", "25 Vũ Ngọc Phan"."""
    if lex.doc_kind.search(c.left) or lex.ident_cs.search(c.left):
        return True
    if lex.ident.search(c.left) and not lex.ident_exc.search(c.left):
        return True
    if not c.plain:
        return False
    if (c.unit is None or c.unit[:1].isupper()) and lex.ident_list.search(c.left):
        return True
    if lex.ident_after.match(c.right):
        return True                                    # "thửa đất số 349 và 348 tờ bản đồ số 20"
    pa = lex.proper_after.match(c.right)
    if pa and pa.group(1) not in lex.title_heads:
        return True
    if c.unit is None:
        pw = lex.prev_word.search(c.left)
        return bool(lex.ident_unitless.search(c.left) or (pw and pw.group(1)[:1].isupper()))
    return False


def _is_frame(c: _Cand, lex: _Lex) -> bool:
    """Periods framing a narrative ("Sau 5 năm", "Trong 3 năm,"), anniversaries ("Kỷ niệm 20 năm"),
    named periods ("Chiến lược 10 năm 2011-2020"), quoted titles, figures of speech ("24/24 giờ").

    A length stated after its verb is a claim: "được tổ chức trong 0,5 ngày".
    """
    if not c.pct:
        left = lex.quote_open.sub("", c.left)          # 'tổng kết "50 năm …"', 'kỷ niệm “60 năm …”'
        if lex.time_unit_after.match(c.right) and (lex.frame_before.search(left) or lex.frame_initial.search(c.left)):
            return True
        if lex.frame_after.match(c.right) or lex.anniv_after.match(c.right) or lex.period_after.match(c.right):
            return True
        if lex.anniv_before.search(left) and lex.anniv_years.match(c.right):
            return True
        if c.den and c.num == c.den and c.unit and c.unit.split()[0].lower() in _ROUND_CLOCK:
            return True                                # "trực 24/24 giờ", "7/7 ngày": an idiom
        if c.plain and c.num in ("1", "01") and lex.one_of.match(c.right):
            return True                                # "là 1 trong 4 xã": "one of", the count is the 4
    return any(before.search(c.left) and after.match(c.right) for before, after in lex.figures)


_ROUND_CLOCK = frozenset({"giờ", "h", "ngày", "tuần"})


def _is_coordinate(c: _Cand, lex: _Lex) -> bool:
    """Coordinates: "10,6 độ Vĩ Bắc; 118,0 độ Kinh Đông" locate, they do not count."""
    return bool(lex.coordinate.match(c.right))


_TESTS = (_is_enumerator, _is_range_or_time, _is_chrome, _is_year, _is_date, _is_identifier, _is_frame,
          _is_coordinate)
