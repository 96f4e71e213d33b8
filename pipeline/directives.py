"""Directive references (label DOC): kind word, number, code, issuer, date.

Party and state documents are cited by a kind word and a number or code
("Chỉ thị số 05-CT/TW của Bộ Chính trị về …"), and Central Committee
resolutions by their plenum ("Nghị quyết Trung ương 4 (khóa XII)"). The
span runs from the kind word through the number/code and a directly
attached plenum or term; issuer, date and subject are attributes read from
the words that follow ("…, ngày 2/8/2019 của Ban Bí thư về …").

One compiled pattern finds candidates; a few cheap checks drop the verbs
and counters that share the kind words ("quy định 13 hành vi",
"kế hoạch 5 năm", "thi hành kỷ luật 87 tổ chức").
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

import regex

from .resources import check_keys, load_json
from .spans import Span

DATA = "directives.json"
_KEYS = {"notes", "kinds", "compound_kinds", "abbreviations", "type_codes", "issuer_codes", "ordinals",
         "counter_words", "counter_not_before", "issuer_lower_phrases", "issuer_heads", "issuer_stop_words"}
_KIND_KEYS = {"bare_lower", "requires_so", "not_after", "names", "generic"}
# issuer is read from the sentence only (guidelines); issuer_from_code is the
# body the code's last block stands for ("CT/TW" -> "Trung ương").
ATTRS = ("kind", "number", "code", "issuer", "date", "term", "subject", "kind_code_mismatch", "issuer_from_code")

# Code blocks: "CT", "CTr", "TTg", "QH14", "NĐ"; a lone lower-case letter is
# allowed inside, never two in a row, so "Bộ" or "Chính" are not code blocks.
_LTOK = r"\p{Lu}[\p{Lu}\d]+(?:\p{Ll}(?!\p{Ll})[\p{Lu}\d]*)?(?!\p{L})"
_DTOK = r"\d{1,4}(?![\p{L}\d])"
_SEP = r"(?:[ \t]?[-–/][ \t]?)"
# At least one letter block: "2020/NĐ-CP", "CT/TW"; never a bare "2016-2020". A lone
# type block may take its issuer block after a plain space: "1177/QĐ BGDĐT".
_ISSUER_BLOCK = r"[ \t]\p{Lu}{2,}[\p{Lu}\d]*(?![\p{L}\d&])"
_CODE = rf"(?:{_DTOK}{_SEP})*{_LTOK}(?:{_ISSUER_BLOCK})?(?:{_SEP}(?:{_LTOK}|{_DTOK}))*"
_ROMAN = r"(?:[IVXLC]+|\d{1,2})(?![\p{L}\d])"  # "khóa XII", also "khóa 12"
_KHOA = r"(?i:kh(?:óa|oá))"
_TERM = (rf"(?:[ \t]*\([ \t]*{_KHOA}[ \t]+(?P<term>{_ROMAN}(?:[ \t]*,[ \t]*{_ROMAN})*)[ \t]*\)"
         rf"|[ \t]*,?[ \t]+{_KHOA}[ \t]*(?:\([ \t]*(?P<term3>{_ROMAN})[ \t]*\)|[ \t](?P<term2>{_ROMAN})))")
_DATE = (r"(?P<d>\d{1,2})[ \t]*(?P<sep>[/.\-])[ \t]*(?P<m>\d{1,2})[ \t]*(?P=sep)[ \t]*(?P<y>\d{4})(?!\d)"
         r"|(?P<d2>\d{1,2})[ \t]+tháng[ \t]+(?P<m2>\d{1,2})[ \t]+năm[ \t]+(?P<y2>\d{4})(?!\d)")
_QUOTES = "\"“”«»"
_BLOCKS = regex.compile(r"[-–/ ]")
_CODE_SPACES = regex.compile(r"[ \t]*([-–/])[ \t]*")


def _norm_code(code: str) -> str:
    """A code as written, without stray spaces: "CT/ TW" -> "CT/TW"; a space between blocks stays ("QĐ BGDĐT")."""
    return " ".join(_CODE_SPACES.sub(r"\1", code).split())
_ISSUER_TERM = regex.compile(rf"{_KHOA}[ \t]+({_ROMAN})$")
_COMMA = regex.compile(r"[ \t]*,[ \t]*")
_WINDOW = 600  # how far an attribute tail may reach; also bounds each match


def _at(pattern, text: str, pos: int):
    """`pattern.match` at `pos`, bounded: `regex` may scan to the end of the
    text for a required literal ("của", "ngày") before failing."""
    return pattern.match(text, pos, min(len(text), pos + _WINDOW))


def _alt(words) -> str:
    """Longest first, spaces matching any run of blanks."""
    return "|".join(regex.escape(w).replace(r"\ ", r"[ \t]+") for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _lex() -> dict[str, Any]:
    data = load_json(DATA)
    check_keys(data, _KEYS, DATA)
    for name, opts in data["kinds"].items():
        check_keys(opts, _KIND_KEYS, f"{DATA}: kinds[{name}]")
    return data


@lru_cache(maxsize=1)
def _rx() -> dict[str, Any]:
    """Compile every pattern once per process."""
    lex = _lex()
    kinds = list(lex["kinds"]) + list(lex["compound_kinds"])
    laws = [k for k in kinds if lex["kinds"][lex["compound_kinds"].get(k, k)].get("names")]
    ords = _alt(lex["ordinals"])
    tw = r"(?i:trung[ \t]+ương|TW)"
    bch = r"(?i:ban[ \t]+chấp[ \t]+hành|BCH)[ \t]+" + tw + r"(?:[ \t]+(?i:đảng)(?:[ \t]+(?i:cộng[ \t]+sản[ \t]+việt[ \t]+nam))?)?"
    plenum = (
        r"[ \t]+(?:(?i:hội[ \t]+nghị)[ \t]+)?(?:"
        rf"{tw}(?:[ \t]+(?i:đảng))?[ \t]*(?:(?i:lần[ \t]+thứ)[ \t]+(?P<n1>\d{{1,2}}|{ords})|(?P<n2>\d{{1,2}}))"
        rf"|(?i:lần[ \t]+thứ)[ \t]+(?P<n3>\d{{1,2}}|{ords})[ \t]*,?[ \t]+{bch}"
        rf"|(?<=(?i:hội[ \t]+nghị)[ \t]+)(?P<n4>\d{{1,2}})[ \t]+{bch}"
        r")(?![\p{L}\d]|[.,/]\d)"
    )
    # Words between kind and number: "Quyết định hành chính 166/QĐ-UBND"; law
    # names may hold kind words ("Luật Ban hành văn bản quy phạm pháp luật số 80/2015/QH13"),
    # other descriptors may not ("Kế hoạch thực hiện Nghị quyết số 15-NQ/TU" is the Nghị quyết).
    stop = r"(?!(?i:của|theo|tại|và|về|ngày|năm|với|cho|để|là|được|đã|số|các|những)(?!\p{L}))"
    no_kind = rf"(?!(?i:{_alt(kinds)})(?!\p{{L}}))"
    no_cap_kind = rf"(?!(?:{_alt(kinds)})(?!\p{{L}}))"
    desc = rf"(?P<desc>(?(law)(?:[ \t]+{stop}{no_cap_kind}\p{{L}}+){{1,9}}?|(?:[ \t]+{stop}{no_kind}\p{{L}}+){{1,8}}?))"
    number = (
        rf"{desc}?(?P<so>[ \t]*[,:]?[ \t]*(?i:số)[ \t]*:?)?[ \t]*"
        r"(?P<num>\d{1,5}[a-zA-Z]?)(?![\p{L}\d]|[.,]\d)"
        rf"(?:{_SEP}(?P<code>{_CODE})|[ \t](?P<code_sp>{_LTOK}(?:{_SEP}(?:{_LTOK}|{_DTOK}))+)"
        r"|/(?P<year>(?:19|20)\d\d)(?![\p{L}\d/-]))?"
    )
    # "ban hànhKế hoạch": words glued by a careless scrape still start a kind word.
    others = _alt(k for k in kinds if k not in laws)
    kind = (rf"(?:(?<![\p{{L}}\d])|(?<=\p{{Ll}})(?=\p{{Lu}}))"
            rf"(?:(?P<kind>(?P<law>(?i:{_alt(laws)}))|(?i:{others}))|(?P<abbr>{_alt(lex['abbreviations'])}))"
            r"(?:(?!\p{L})|(?=số[ \t:]*\d))")
    return {
        "doc": regex.compile(rf"{kind}(?:(?P<plenum>{plenum})|{number})(?:{_TERM})?"),
        "cont": regex.compile(rf"[ \t]*(?:,|;|và|(?i:hoặc))[ \t]*(?:(?i:số)[ \t]*)?(?P<num>\d{{1,5}}[a-zA-Z]?){_SEP}(?P<code>{_CODE})(?:{_TERM})?"),
        "cont_bare": regex.compile(rf"[ \t]*(?:,|và)[ \t]*(?P<num>\d{{2,5}}[a-zA-Z]?)(?:{_SEP}(?P<code>{_CODE}))?(?![\p{{L}}\d]|[.,/-]\d)"),
        "date": regex.compile(rf"[ \t]*,?[ \t]*\(?[ \t]*(?:(?i:ban[ \t]+hành)[ \t]+)?(?i:ngày)[ \t]+(?:{_DATE})\)?"),
        "of": regex.compile(r"[ \t]*,?[ \t]*của[ \t]+"),
        "term_tail": regex.compile(_TERM),
        "about": regex.compile(r"[ \t]*,?[ \t]*(?:(?:về|Về|VỀ)[ \t]+(?:việc[ \t]+)?|(?=[\"“«]))"),
        "quoted": regex.compile(r"[\"“«][ \t]*(?:(?:về|Về|VỀ)[ \t]+)?([^\"”»\n]{3,300}?)[ \t]*[\"”»]"),
        "clause": regex.compile(r"[^.;:\n()\"“”«»,]+"),
        "connective": regex.compile(r"[ \t]+(?:(?:gắn[ \t]+với|nhằm|đồng[ \t]+thời|để)(?!\p{L})|và[ \t]+(?=(?i:" + _alt(kinds) + r")(?!\p{L})))"),
        "issuer_word": regex.compile(
            rf"[ \t]*(?:(?P<khoa>{_KHOA}[ \t]+{_ROMAN})|(?P<lower>" + _alt(lex["issuer_lower_phrases"]) + r")(?!\p{L})"
            # acronyms and "Đảng" take no lower-case syllable: "Trung ương Đảng đạt …"
            r"|(?P<cap>(?:\p{Lu}[\p{Lu}\d]+(?:&\p{Lu}[\p{Lu}\d]*)*|Đảng(?:[ \t]+(?:bộ|ủy|uỷ|đoàn))?)(?!\p{L})"
            r"|\p{Lu}[\p{L}\d]*(?:[ \t]+(?!(?:" + _alt(lex["issuer_stop_words"]) + r")(?!\p{L}))\p{Ll}+(?!\p{L}))?)"
            r"|(?P<link>-|và(?=[ \t]+\p{Lu})))"),
        "pre_issuer": regex.compile(r"(?:(?:đã|vừa|mới)[ \t]+)?(?:ký[ \t]+)?(?:ban[ \t]+hành|ra|ký|có)[ \t]+(?:các[ \t]+)?$"),
        "kind_start": regex.compile(rf"(?i:{_alt(kinds)})(?!\p{{L}})"),
        "heads": regex.compile(rf"(?:{_alt(lex['issuer_heads'])})(?!\p{{L}})"),
        "counter": regex.compile(rf"[ \t]+(?:{_alt(lex['counter_words'])})(?!\p{{L}})"
                                 rf"(?![ \t]+(?:{_alt(lex['counter_not_before'])})(?!\p{{L}}))"
                                 r"(?P<dated>(?<=ngày)[ \t]+\d{1,2}(?!\d)|(?<=năm)[ \t]+(?:19|20)\d\d(?!\d|[.,]\d|[ \t]*[-–][ \t]*\d))?"),
        "prev_word": regex.compile(r"(\p{L}+)[ \t]+$"),
        "ords": {k: str(v) for k, v in lex["ordinals"].items()},
        "kind_of": {k.casefold(): lex["compound_kinds"].get(k, k) for k in kinds},
        "opts": {k.casefold(): lex["kinds"][lex["compound_kinds"].get(k, k)] for k in kinds},
    }


def find(text: str) -> list[Span]:
    """All DOC spans of `text`, in order, never overlapping.

    >>> [s.attrs["code"] for s in find("Thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị")]
    ['CT/TW']
    """
    if not text:
        return []
    R = _rx()
    found: list[tuple[Span, int]] = []  # (span, end of its attribute tail)
    pos = 0
    while True:
        m = R["doc"].search(text, pos)
        if m is None:
            break
        span = _make(text, m, R)
        if span is None:
            pos = m.end("kind") if m.group("kind") else m.end("abbr")
            continue
        tail_end = _fill_tail(text, span, R)
        found.append((span, tail_end))
        pos = span.end
        if span.attrs["term"] is None and tail_end == span.end:
            pos = _continuations(text, span, R, found)
        pos = max(pos, span.end)
    _share_issuers(text, found)
    _pre_issuers(text, found, R)
    return [s for s, _ in found]


def _make(text: str, m, R) -> Span | None:
    """Build the span of one candidate, or None when it is a verb or a counter."""
    surface = m.group("kind") or m.group("abbr")
    if m.group("kind"):
        key = " ".join(surface.split()).casefold()
        kind, opts = R["kind_of"][key], R["opts"][key]
    else:
        kind, opts = _lex()["abbreviations"][surface], {}
    start = m.start()
    prev = R["prev_word"].search(text, max(0, start - 12), start)
    if prev and prev.group(1).casefold() in opts.get("not_after", ()):
        return None
    attrs = dict.fromkeys(ATTRS)
    attrs["kind"] = kind
    if m.group("plenum"):
        n = next(g for g in (m.group("n1"), m.group("n2"), m.group("n3"), m.group("n4")) if g)
        attrs["number"] = R["ords"].get(" ".join(n.split()).casefold(), n)
        attrs["term"] = _term(m)
        return Span("DOC", start, m.end(), attrs)
    group = next((g for g in ("code", "code_sp", "year") if m.group(g)), None)
    code, end = (m.group(group), m.end(group)) if group else (None, m.end("num"))
    if not _acceptable(text, m, code, surface, opts, R):
        return None
    attrs["number"] = m.group("num")
    attrs["code"] = _norm_code(code) if code else None
    if _term(m):
        attrs["term"], end = _term(m), m.end()
    attrs["kind_code_mismatch"] = _mismatch(kind, attrs["code"])
    return Span("DOC", start, end, attrs)


def _acceptable(text: str, m, code, surface: str, opts: dict, R) -> bool:
    """A code always makes a document; a bare number needs more evidence.

    "Kế hoạch số 155", "Nghị quyết 15" and "quyết định 929" are documents;
    "kế hoạch 5 năm", "quy định 13 hành vi" and "Luật 2015" are not.
    """
    if m.group("code") or m.group("code_sp"):
        return True
    if m.group("desc") or m.group("abbr") and not m.group("so"):
        return False
    if m.group("so"):
        return True
    num = m.group("num")
    if _is_year(num):
        return False
    long_id = len(num) >= 3 and num[0] != "0"
    # "quyết định 49 (ngày 1/9/2011)": an issue date makes a bare lower-case number a document
    dated = _at(R["date"], text, m.end("num")) is not None
    if opts.get("requires_so") and not long_id:
        return False                                   # "Văn bản" needs "số", a code or 3+ digits
    if not (long_id or dated) and not surface[0].isupper() and not opts.get("bare_lower"):
        return False
    c = _at(R["counter"], text, m.end("num"))
    # "Nghị định 154 năm 2016" is dated; "kế hoạch 5 năm 2016-2020" is a five-year plan.
    return c is None or c.group("dated") is not None and (num[0] == "0" or not (num.isdigit() and int(num) <= 10))


def _term(m) -> str | None:
    t = m.group("term") or m.group("term2") or m.group("term3")
    return _COMMA.sub(", ", t) if t else None


def _mismatch(kind: str, code: str | None) -> bool | None:
    """True when the code's type block names another kind ("Quyết định số 687-KH/TU").

    The type block is the first letter block followed by another block
    ("KH/TU", "2020/NĐ-CP"); a lone block ("130-CP", "162/TT") names only the issuer.
    """
    if not code or _lex()["kinds"].get(kind, {}).get("generic"):
        return None
    types = _lex()["type_codes"]
    blocks = [b for b in _BLOCKS.split(code) if not b.isdigit()]
    if len(blocks) < 2:
        return None
    kinds = types.get(blocks[0]) or types.get(blocks[0].rstrip("0123456789"))
    return None if kinds is None else kind not in kinds


def _issuer_from_code(text: str, code: str | None) -> str | None:
    """The body a code's last block stands for ("CT/TW" -> Trung ương)."""
    if not code:
        return None
    block = _BLOCKS.split(code)[-1]
    body = _lex()["issuer_codes"].get(block) or _lex()["issuer_codes"].get(block.rstrip("0123456789"))
    if isinstance(body, list):
        return next((b for b in body[1:] if b in text or b.replace("ủy", "uỷ") in text), body[0])
    return body


def _fill_tail(text: str, span: Span, R) -> int:
    """Read date, issuer, term and subject written after the span; return where they end.

    "Nghị quyết 03-NQ/HU ngày 20-12-2010 của BCH Đảng bộ huyện về “Nâng cao …”"
    """
    a, pos = span.attrs, span.end
    pos = _date_at(text, pos, a, R)
    m = _at(R["of"], text, pos)
    if m:
        issuer, end = _issuer_at(text, m.end(), R)
        if issuer:
            a["issuer"], pos = issuer, end
            k = _ISSUER_TERM.search(issuer)
            if k and not a["term"]:
                a["term"] = k.group(1)
            pos = _date_at(text, pos, a, R)
    m = _at(R["term_tail"], text, pos)
    if m:
        a["term"], pos = a["term"] or _term(m), m.end()
    a["issuer_from_code"] = _issuer_from_code(text, a["code"])
    m = _at(R["about"], text, pos)
    if m:
        q = _at(R["quoted"], text, m.end())
        if q:
            a["subject"], pos = q.group(1).strip(), q.end()
        elif m.end() > m.start() and text[m.end() - 1] not in _QUOTES:
            a["subject"], pos = _clause(text, m.end(), R)
    return pos


def _date_at(text: str, pos: int, a: dict, R) -> int:
    m = _at(R["date"], text, pos)
    if not m or a["date"]:
        return pos
    d, mo, y = (m.group("d"), m.group("m"), m.group("y")) if m.group("d") else (m.group("d2"), m.group("m2"), m.group("y2"))
    if 1 <= int(d) <= 31 and 1 <= int(mo) <= 12:
        a["date"] = f"{int(y):04d}-{int(mo):02d}-{int(d):02d}"
        return m.end()
    return pos


def _issuer_at(text: str, pos: int, R) -> tuple[str | None, int]:
    """The body named after "của": capitalised words, place words and "khóa X".

    "của Ban Thường vụ Thành ủy Hà Nội, đến nay" -> "Ban Thường vụ Thành ủy Hà Nội"
    """
    start = end = pos
    first = True
    while True:
        m = _at(R["issuer_word"], text, end)
        if not m or (first and not m.group("cap")):
            break
        if m.group("link"):
            nxt = _at(R["issuer_word"], text, m.end())
            if not nxt or not nxt.group("cap") or m.group("link") == "và" and (
                    _at(R["heads"], text, nxt.start("cap")) or _at(R["kind_start"], text, nxt.start("cap"))):
                break
        end, first = m.end(), False
        if m.group("khoa"):
            break
    words = text[start:end].strip()
    if not words or len(words.split()) > 14:
        return None, pos
    return words, end


def _clause(text: str, pos: int, R) -> tuple[str | None, int]:
    """A subject written without quotes: up to the end of the clause.

    Short comma-separated items continue it ("về tăng cường xây dựng, chỉnh đốn
    Đảng gắn với …" -> "tăng cường xây dựng, chỉnh đốn Đảng"); a connective
    ("gắn với", "nhằm") ends it.
    """
    seg = _segment(text, pos, R)
    if seg is None:
        return None, pos
    end, cut = seg
    while not cut and end < len(text) and text[end] == ",":
        nxt = _segment(text, end + 1, R)
        if nxt is None or len(text[end + 1:nxt[0]].split()) > 3:
            break
        end, cut = nxt
        after = _segment(text, end + 1, R) if not cut and end < len(text) and text[end] == "," else None
        if after and len(text[end + 1:after[0]].split()) <= 6:
            end, cut = after
    words = text[pos:end].split()
    return (" ".join(words[:30]) or None), end


def _segment(text: str, pos: int, R) -> tuple[int, bool] | None:
    """End of one comma-free stretch and whether a connective cut it short."""
    m = _at(R["clause"], text, pos)
    if not m:
        return None
    c = R["connective"].search(text, pos, m.end())
    return (c.start(), True) if c else (m.end(), False)


def _continuations(text: str, span: Span, R, found: list) -> int:
    """Documents listed after the first one under the same kind word.

    "Nghị quyết số 01/NQ-CP, 02/NQ-CP của Chính phủ", "Quyết định 935, 936"
    -> two documents each. A coded head takes coded items only, a bare one
    numbers of two digits or more; a code closing a bare list is shared by
    the whole list ("các quyết định 106, 107/QĐ-TTg").
    """
    pos, coded, items = span.end, span.attrs["code"] is not None, [span]
    while True:
        m = _at(R["cont"] if coded else R["cont_bare"], text, pos)
        if not m or not m.group("code") and (_at(R["counter"], text, m.end()) or _is_year(m.group("num"))):
            return pos
        a = dict.fromkeys(ATTRS)
        a.update(kind=span.attrs["kind"], number=m.group("num"))
        end = m.end("num")
        if m.group("code"):
            a.update(code=_norm_code(m.group("code")), term=_term(m) if coded else None)
            a["kind_code_mismatch"] = _mismatch(a["kind"], a["code"])
            end = m.end() if a["term"] else m.end("code")
            for prev in items if not coded else ():
                prev.attrs.update(code=a["code"], kind_code_mismatch=a["kind_code_mismatch"],
                                  issuer_from_code=_issuer_from_code(text, a["code"]))
        item = Span("DOC", m.start("num"), end, a)
        tail = _fill_tail(text, item, R)
        found.append((item, tail))
        items.append(item)
        if tail != end or m.group("code") and not coded:
            return end
        pos = end


def _is_year(num: str) -> bool:
    """"Luật 2015", "Kế hoạch 2025": a year, not a document number."""
    return num.isdigit() and 1945 <= int(num) <= 2035


def _share_issuers(text: str, found: list) -> None:
    """Coordinated documents share the issuer named after the last one.

    "Nghị quyết 15, Chỉ thị 15 của Thành ủy" -> both issued by Thành ủy.
    """
    for i in range(len(found) - 2, -1, -1):
        (span, tail), (nxt, _) = found[i], found[i + 1]
        a = span.attrs
        if a["issuer"] or a["subject"] or tail != span.end:
            continue
        gap = text[span.end:nxt.start].strip(" \t")
        if gap in (",", "và", ", và", "hoặc") and nxt.attrs["issuer"]:
            a["issuer"] = nxt.attrs["issuer"]


def _pre_issuers(text: str, found: list, R) -> None:
    """An issuer written before the document, as subject of "ban hành", "ra", "ký", "có".

    "BTV Thành ủy đã ban hành Quyết định số 687-KH/TU" -> "BTV Thành ủy".
    """
    for span, _ in found:
        if span.attrs["issuer"]:
            continue
        lo = max(0, span.start - 120)
        m = R["pre_issuer"].search(text, lo, span.start)
        if not m:
            continue
        head = text[lo:m.start()].rstrip()
        for h in R["heads"].finditer(head):
            issuer, end = _issuer_at(head, h.start(), R)
            if issuer and end == len(head) and (h.start() == 0 or not head[h.start() - 1].isalpha()):
                span.attrs["issuer"] = issuer
                break
