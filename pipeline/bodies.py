"""ORG reading for the units family: Party, state and mass bodies, institutions, outlets.

Why a module of its own: a body is a *head* ("Ban Thường vụ", "UBND", "Bộ",
"Công ty") followed by *qualifiers* that pin it down ("Huyện ủy", "huyện
Thường Tín", "cấp xã", "khóa XIX"), each with its own small rule; bare body
nouns are ORG only when they mean one body ("các Đảng bộ trực thuộc" is a
class). Institutions and companies have free names read word by word
("Công ty TNHH MTV Môi trường đô thị Hà Nội", "Bệnh viện Chợ Rẫy"); an alias
in brackets after a body is its own ORG ("Tập đoàn Điện lực Việt Nam
(EVN)"). Place names inside a body are read with the ``places`` lookups.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from .places import (_PREV_WORD, _after_cap_word, _ends_with_word, _generic_name, _is_sentence_start,
                     _level_name_end, _lower_tail, _prefix_name, _prev_words)
from .spans import Span
from .units_lexicon import _key, _Lex, _lex, _retone

# ---------------------------------------------------------------- helpers
_PREV2 = regex.compile(r"([\p{L}\p{M}\p{N}]+[^\S\n]+[\p{L}\p{M}\p{N}]+)[^\S\n]*$")


def _starts_with_word(after: str, words) -> bool:
    a = after.lstrip(" \t\xa0")
    for w in words:
        if a.startswith(w) and (len(a) == len(w) or not a[len(w)].isalnum()):
            return True
    return False


def _head_at(lx: _Lex, text: str, i: int):
    """`head_re` matched at offset i, tried only where a head's first word stands."""
    return lx.head_re.match(text, i) if lx.trigger_re.match(text, i) else None


_NUMBERED = frozenset({"ban chỉ đạo"})
# 'đi học Đại học Luật' is a degree, 'Đại học Huế' a body: these heads need a proper name.
_NEEDS_PROPER = frozenset({"đại học", "đh"})
_NAME_TOK = regex.compile(r"(?P<sep>[^\S\n]?[-–&][^\S\n]?|[^\S\n])"       # one space: two end a caption
                          r"(?P<w>[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}&'’.\-/]*)")
_VOWELS = "aăâeêioôơuưyàằầèềìòồờùừỳáắấéếíóốớúứýảẳẩẻểỉỏổởủửỷãẵẫẽễĩõỗỡũữỹạặậẹệịọộợụựỵ"
_ONE_SYLLABLE = regex.compile(r"[^" + _VOWELS + r"]*[" + _VOWELS + r"]+[^" + _VOWELS + r"]*")
_VIET_SYLLABLE = regex.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?[" + _VOWELS + r"]+"
                               r"(?:ng|nh|ch|[cmnpt])?")


def _inst_name_end(lx: _Lex, text: str, pos: int):
    """(end, closed) of a free institution name after 'Công ty', 'Bệnh viện', 'Đại học'…; end None if none.

    Descriptive words may be lower-case ('TNHH Giáo dục nghề nghiệp Nam Tây
    Nguyên'); once a proper name has been written (two capitalised words, a
    place, a foreign word) a lower-case word ends it ('Bệnh viện Thanh Nhàn
    quan tâm…'). Punctuation, a function word or a new body end it too.
    """
    t = lx.inst_type_re.match(text, pos)
    p = t.end() if t else pos
    toks = []                                  # (start, end, kind) with kind cap | abbr | num | low
    closed = False
    while len(toks) < 14:
        m = _NAME_TOK.match(text, p)
        if not m:
            break
        w, ws = m.group("w"), m.start("w")
        cut = regex.search(r"\.(?=\p{Lu}\p{Ll}|[^\p{L}\p{N}]|$)", w)   # 'Nhàn.Như', 'Huế.'
        if cut and w in ("TP.", "Tp.") and regex.match(r"[^\S\n]?\p{Lu}", text[ws + 3:ws + 5]):
            cut = None                         # '… Giao thông vận tải TP. Hồ Chí Minh'
        if cut:
            w = w[:cut.start()]
        if not w:
            break
        kind = _tok_kind(w)
        dash = m.group("sep").strip() in ("-", "–")
        if dash and (kind == "low" or _head_at(lx, text, ws)):
            break
        if kind == "low":
            if closed or w in ("nhiệm", "khóa", "khoá") or (w in lx.function_words and (w != "và" or not toks or toks[-1][2] != "low"
                                                      or not _and_continues(lx, text, ws + len(w)))):
                break
        elif toks and _head_at(lx, text, ws):
            break                              # a new body: 'Công ty X Bộ Xây dựng'
        elif closed and w in lx.surnames and regex.match(r"[^\S\n]\p{Lu}", text[ws + len(w):ws + len(w) + 2]):
            break                              # a person after the name: 'Giám đốc Bệnh viện X Đào Quang Minh'
        if kind == "num" and not regex.fullmatch(r"\d{1,3}[A-Z]?", w):
            break                              # years and dates end a name
        if kind == "cap" and (toks and toks[-1][2] == "cap" and not dash or _proper_word(lx, w)):
            closed = True
        if kind == "num" and toks:
            closed = True
        toks.append((ws, ws + len(w), kind))
        p = ws + len(w)
        if cut:
            break
    strong = [i for i, x in enumerate(toks) if x[2] != "low"]
    if not strong or (t is None and strong[0] > 3):
        return None, False
    i = strong[-1]
    if i + 1 < len(toks) and toks[i][2] == "cap" and not closed:
        return toks[i + 1][1], False           # 'Quản lý', 'Đa khoa': a capitalised two-syllable word
    return toks[i][1], closed


def _tok_kind(w: str) -> str:
    if w[:1].isdigit():
        return "num"
    if not w[:1].isupper():
        return "low"
    return "abbr" if sum(ch.isupper() for ch in w) >= 2 and not regex.search(r"\p{Ll}{2}", w) else "cap"


def _proper_word(lx: _Lex, w: str) -> bool:
    """A capitalised word that is a name on its own: a place ('Huế') or a foreign word ('Vinco', 'Graz')."""
    return (_key(w) in lx.bare_places or _key(w) in lx.places or _key(w) in lx.org_names
            or not (_VIET_SYLLABLE.fullmatch(w.lower()) and (len(w) == 1 or w[1:].islower())))


def _and_continues(lx: _Lex, text: str, i: int) -> bool:
    """'đầu tư và xây dựng' goes on; 'Công ty X và UBND xã' does not."""
    nxt = regex.match(r"[^\S\n]+([\p{L}\p{M}]+)", text[i:i + 30])
    if not nxt:
        return False
    return not _head_at(lx, text, i + nxt.start(1)) and nxt.group(1) not in lx.function_words


def _initials(s: str) -> str:
    return "".join(w[0] for w in s.split()).upper().replace("Đ", "D")


def _abbr_fits(abbr: str, head_text: str) -> bool:
    """'(BCH)' explains 'Ban Chấp hành': its letters are the initials of the words before it."""
    a = regex.sub(r"[^\p{L}]", "", abbr).upper().replace("Đ", "D")
    ini = _initials(head_text)
    return len(a) >= 2 and ini.endswith(a)


# ---------------------------------------------------------------- ORG
@dataclass
class _Cand:
    start: int
    end: int
    head_end: int
    kind: str | None = None
    bare: bool = False
    generic: bool = False
    committee: bool = False
    specific: bool = False     # a name, unit, 'Khối …' or field pins it down
    task: bool = False
    numbered: bool = False     # takes a bare number: 'Ban Chỉ đạo 896', 'Đoàn kiểm tra số 4'
    named: bool = False
    lower: bool = False        # a lower-case body ('huyện ủy'): an ORG only with its place name
    lowunit: bool = False      # 'công an huyện', 'ủy ban xã Tân Minh': needs its level (and a name below huyện)
    outlet: str | None = None  # 'bare' / 'pv' for an outlet named without 'báo'
    last_paren: int = -1       # start of a '(ABBR)' qualifier that nothing followed yet
    quals: int = 0


def _head_info(lx: _Lex, m) -> _Cand:
    """Flags of the head a match found: kind, may it stand bare, is it a committee…"""
    c = _Cand(m.start(), m.end(), m.end())
    g = m.groupdict()
    if g.get("outlet") or g.get("pvout") or g.get("bareout"):
        c.kind, c.bare, c.specific = "other", True, True
        if not g.get("outlet"):
            c.named, c.outlet = True, "bare" if g.get("bareout") else "pv"
    elif g.get("lowunit"):
        c.kind, c.lowunit = "state", True
    elif g.get("lowtt"):
        c.kind = None
    elif g.get("inst"):
        c.kind = "other"
        e, closed = _inst_name_end(lx, m.string, m.end())
        if e is not None and (closed or g.get("school") or _key(g["inst"]) not in _NEEDS_PROPER):
            c.end = c.head_end = e
            c.bare = c.specific = True
        elif g.get("school") and g["school"][0].isupper():   # 'Trường THPT', 'Trường Chính trị tỉnh'
            c.bare = c.specific = True
        else:
            f = lx.fhead_re.match(m.string, m.start())       # 'Học viện Ngoại giao'
            if f:
                c.end = c.head_end = f.end()
                c.bare = c.specific = True
    elif g.get("cell"):
        c.kind, c.generic = "party", True
    elif g.get("lowbody"):
        c.kind, c.lower = "party", True
    elif g.get("lex"):
        e = lx.entries[_key(g["lex"])]
        c.kind, c.bare, c.generic, c.committee = e.kind, e.bare, e.generic, e.committee
        c.task = e.role == "task"
        c.numbered = c.task or e.role == "numbered" or _key(g["lex"]) in _NUMBERED
        f = lx.fhead_re.match(m.string, m.start())
        if f and f.end() > m.end():              # 'Ban Chỉ đạo Đổi mới và Phát triển doanh nghiệp'
            c.end = c.head_end = f.end()
            c.bare = c.specific = True
            c.kind = c.kind or lx.field_heads.get(_key(f.group("fhead")))
    elif g.get("named"):
        c.kind, c.bare, c.specific = "other", True, True
    else:
        fh = _key(m.group("fhead"))
        fk = _key(m.group("field"))
        c.kind = getattr(lx.entries.get(fk), "kind", None) or lx.field_heads.get(fh)
        if fh in ("ban", "ủy ban"):
            c.kind = "party" if any(fk.startswith(p) for p in lx.party_fields) else "state"
        e = lx.entries.get(_key(m.group(0)))
        if e is not None:          # a fixed head that the field pattern also reads
            c.committee, c.generic = e.committee, e.generic
            c.bare = e.bare
        else:
            c.bare, c.specific = True, True
    return c


def _extend(lx: _Lex, text: str, c: _Cand) -> None:
    """Append the qualifiers written right after a head: 'BCH' + ' Đảng bộ' + ' tỉnh' + ' khóa XIX'.

    Each qualifier kind has a small rule (`_QUALIFIERS`); a rule returns the new
    end of the span, or None to stop before that qualifier.
    """
    pos = c.end
    while True:
        q = lx.qual_re.match(text, pos)
        if not q:
            break
        kind = next(k for k in _QUAL_ORDER if q.group(k) is not None)
        if c.named and kind not in ("paren", "term", "vn"):
            break                                  # nothing chains after a place name
        if kind == "of":                           # 'Tổ công tác' + 'của' + body
            if not c.task:
                break
            pos = q.end("of")
            continue
        new = _QUALIFIERS[kind](lx, text, c, q)
        if new is None:
            break
        c.quals += kind != "term"              # a term alone does not pin a body down: 'Hội đồng nhiệm kỳ…'
        c.last_paren = q.start() if kind == "paren" else -1
        c.end = pos = new
    if c.last_paren >= 0:                      # 'Ủy ban Thường vụ Quốc hội (UBTVQH)': the alias is its own ORG
        c.end, c.quals, c.last_paren = c.last_paren, c.quals - 1, -1


def _q_paren(lx, text, c, q):
    return q.end() if _abbr_fits(q.group("pabbr"), text[c.start:q.start()]) else None


def _q_term(lx, text, c, q):
    return q.end() if c.committee else None


def _q_num(lx, text, c, q):
    if not (c.numbered or (c.generic and q.group("num").startswith("số"))):
        return None
    c.specific = True
    return q.end()


def _q_natl(lx, text, c, q):
    if c.quals or not (c.numbered or _key(text[c.start:c.head_end]).startswith("hội đồng")):
        return None
    return q.end()


def _q_head(lx, text, c, q):
    """A chained body or unit: 'Ban Thường vụ' + 'Huyện ủy', 'Thanh tra' + 'Bộ Y tế'."""
    at = next(q.start(k) for k in ("lex", "inst", "fhead", "named") if q.group(k) is not None)
    h = lx.head_re.match(text, at)
    if h is None or h.group("outlet") or h.group("pvout") or h.group("bareout"):
        return None
    sub = _head_info(lx, h)
    if sub.task or (h.group("inst") and not sub.bare):
        return None
    if h.group("inst"):                          # 'Hội đồng' + 'Đại học Huế'
        c.bare = c.specific = True
        return sub.end
    c.committee |= sub.committee
    if _key(text[c.start:c.head_end]) in _NEUTRAL_HEADS:   # 'Văn phòng Huyện ủy' is a Party office
        c.kind = sub.kind or c.kind
    else:
        c.kind = c.kind or sub.kind
    c.bare = c.bare or sub.bare
    c.specific |= sub.specific and not q.group("lex")
    c.numbered |= sub.numbered and not sub.task            # 'Bộ Tư lệnh Quân khu 4'
    return max(h.end(), sub.end)                           # 'Thanh tra' + 'Sở Xây dựng'


def _q_level(lx, text, c, q):
    """'huyện', 'thị trấn Ngô Đồng', 'TP.Đông Hà', 'quận 1'."""
    c.bare = True
    lv = q.group("level")
    if q.group("lname") is not None:
        e = _level_name_end(lx, text, q.start("lname"), q.end("lname"), lv)
        if e is not None:
            c.specific = c.named = True
            return e
    if lv.endswith("."):                         # 'UBND TP.' at a sentence end: the level without its dot
        return q.start("level") + 2 if lv in ("TP.", "Tp.") else None
    return q.end("level")


def _q_unit(lx, text, c, q):
    """'tổ dân phố số 2', 'thôn Đông Hội', 'khoa Sản'."""
    name = q.group("uname")
    if name is None and q.group("unit") not in ("tổ dân phố", "khu dân cư", "khu phố", "thôn", "ấp"):
        return None
    c.specific = c.bare = True
    if name is not None and not name[0].isdigit() and not name.startswith("số"):
        e = _generic_name(lx, text, q.start("uname"), q.end("uname"))
        return e if e else q.end("unit")
    return q.end()


def _q_name(lx, text, c, q):
    """A province or district name right after a body: 'Huyện ủy Thường Tín', 'Quốc hội Lào'."""
    s, e = q.start("name"), q.end("name")
    end = (_prefix_name(text, s, e, lx.org_names) or _prefix_name(text, s, e, lx.places)
           or _lower_tail(text, s, e, lx.org_names))
    if end is not None:
        c.named = c.specific = c.bare = True
    return end


def _q_plain(lx, text, c, q):
    c.bare = True
    if q.group("khoi") is not None:
        c.specific = True
    return q.end()


def _q_topic(lx, text, c, q):
    """'Ban Chỉ đạo Trung ương về phòng, chống tham nhũng', 'Ủy ban Quốc gia về biến đổi khí hậu'."""
    return q.end() if _key(text[c.start:c.head_end]).startswith(_TOPIC_HEADS) else None


_TOPIC_HEADS = ("ban chỉ đạo", "ủy ban", "hội đồng", "bcđ")
_QUAL_ORDER = ("paren", "term", "cap", "vn", "of", "num", "natl", "topic", "khoi", "lex", "inst", "named", "fhead",
               "level", "lowq", "unit", "name")
_QUALIFIERS = {"paren": _q_paren, "term": _q_term, "num": _q_num, "natl": _q_natl, "lex": _q_head,
               "inst": _q_head, "named": _q_head, "fhead": _q_head, "level": _q_level, "unit": _q_unit,
               "name": _q_name, "topic": _q_topic, "cap": _q_plain, "vn": _q_plain, "khoi": _q_plain,
               "lowq": _q_plain}
_NEUTRAL_HEADS = frozenset({"trung ương", "t.ư", "thường trực", "văn phòng"})


_ORDINAL_WORDS = frozenset({"thứ", "lần", "số", "khóa", "năm", "ngày", "tháng", "điều", "khoản", "kỳ", "đợt"})


def _is_class(lx: _Lex, text: str, c: _Cand, prev_class_end: int) -> bool:
    """Class or set-phrase uses: 'các Đảng bộ', 'Bí thư Đảng ủy ở 5 xã', '04 Đảng ủy xã'."""
    before = _prev_words(text, c.start)
    after = text[c.end:c.end + 20]
    pw = _PREV_WORD.search(before)
    prev = pw.group(1) if pw else ""
    if _counted(lx, before, prev, pw):
        return True
    if before.endswith("/") or regex.match(r"[-/]\p{Lu}", after):
        return True                                               # inside a code: '2502/UBND-THKH'
    if prev_class_end >= 0 and (c.generic or not c.bare) \
            and regex.fullmatch(r"[^\S\n]*(?:,|và|hoặc)[^\S\n]*", text[prev_class_end:c.start]):
        return True                                               # 'các Đảng ủy, Đảng bộ'
    if not c.specific and _starts_with_word(after, lx.class_after):
        return True                                               # 'Đảng ủy các xã', 'Đảng ủy viên'
    if c.generic and not c.specific and _generic_class(lx, before, after, prev):
        return True
    return _set_phrase(lx, text, c, before, after, prev)


def _counted(lx: _Lex, before: str, prev: str, pw) -> bool:
    """'các Đảng bộ', 'một số Huyện ủy', '41 Đảng bộ' — but not 'lần thứ 5 Ban Chấp hành'."""
    p2 = _PREV2.search(before)
    if prev in lx.class_before or (p2 and p2.group(1) in lx.class_before):
        return True
    if regex.fullmatch(r"\d+(?:[.,]\d+)*", prev):              # not '2025được' (glued by the scraper)
        p3 = _PREV_WORD.search(before[:pw.start(1)])
        return not (p3 and p3.group(1).lower() in _ORDINAL_WORDS)
    return False


def _generic_class(lx: _Lex, before: str, after: str, prev: str) -> bool:
    """A body every unit has, named by a position or a relation: 'Bí thư Đảng ủy', 'chi bộ trực thuộc Đảng ủy'."""
    if _ends_with_word(before, lx.title_words) or prev in ("thuộc", "trực"):
        return True
    return bool(regex.match(r"[^\S\n]+(?:ở|tại)[^\S\n]+(?:\d|các|một|những)", after))


def _set_phrase(lx: _Lex, text: str, c: _Cand, before: str, after: str, prev: str) -> bool:
    """'Trung ương 4', 'ngân sách Trung ương', 'từ Trung ương đến địa phương', 'Chính phủ điện tử'."""
    if c.quals:
        return False
    head = _key(text[c.start:c.head_end])
    if head in ("trung ương", "trung ương đảng", "t.ư"):
        if regex.match(r"[^\S\n]*\d", after) or \
                regex.match(r"[^\S\n]+(?:và|đến|tới)[^\S\n]+(?:địa phương|cơ sở)", after):
            return True
        p2 = _PREV2.search(before)
        if p2 and " ".join(p2.group(1).split()) in lx.tu_before:
            return False                           # 'đề nghị Trung ương dành thời gian…'
        return bool(prev) and prev not in lx.tu_before and not _is_sentence_start(text, c.start)
    if head == "sở":                           # 'Sở dĩ', 'lãnh đạo Sở, ngành', 'phường Sở Dầu': not one department
        return bool(regex.match(r"[^\S\n]*(?:,[^\S\n]*)?(?:[Bb]an|[Nn]gành|dĩ|hữu|thích|trường|tại)(?![\p{L}])"
                                r"|[^\S\n]+\p{Lu}", after))
    return head == "chính phủ" and bool(regex.match(r"[^\S\n]+(?:điện tử|số)(?![\p{L}])", after))


def _expansion(lx: _Lex, s: str) -> str | None:
    if not lx.abbr_tok_re.search(s):
        return None
    s = regex.sub(r"[^\S\n]*\([^)]*\)", "", s) if regex.search(r"\(\p{Lu}+\)", s) else s
    return lx.abbr_tok_re.sub(lambda m: lx.abbr[m.group()], s)


def _inside_place(lx: _Lex, t: str, i: int) -> bool:
    """True when the capitalised word before offset i and the words from i form a place name."""
    if not _after_cap_word(t, i):
        return False
    pw = _PREV_WORD.search(t[max(0, i - 25):i])
    nxt = regex.match(r"\S+(?:[^\S\n]+\S+)?", t[i:i + 30])
    words = [pw.group(1)] + (nxt.group().split() if nxt else [])
    return any(_key(" ".join(words[:n])) in lx.bare_places for n in (2, 3))


def find_org(text: str, _norm: str | None = None) -> list[Span]:
    """ORG spans of `text`, e.g. 'Ban Chấp hành (BCH) Đảng bộ thành phố Đông Hà'."""
    lx = _lex()
    t = _norm if _norm is not None else _retone(text)
    out: list[Span] = []
    heads: list[str] = []                  # the head words of each span, for `_merge_dashed`
    pos, prev_class_end = 0, -1
    while True:
        tr = lx.trigger_re.search(t, pos)
        if not tr:
            break
        m = lx.head_re.match(t, tr.start())
        if not m:
            pos = tr.end()
            continue
        if _inside_place(lx, t, m.start()):
            pos = m.end()                          # 'Tây Ban Nha' is a country, not 'Ban Nha…'
            continue
        c = _head_info(lx, m)
        if c.outlet == "bare" and _not_outlet(lx, t, m.start(), m.end()):
            pos = m.end()
            continue
        if m.group("outlet") and regex.search(r"(?<=\s)\p{Lu}[\p{L}\p{M}]*$", m.group("outlet")) \
                and regex.match(r"[^\S\n]+\p{Ll}", t[m.end():m.end() + 3]) and len(m.group("outlet").split()) <= 2:
            pos = m.end()                          # 'báo điện tử Chính phủ' cut short: an unlisted name
            continue
        _extend(lx, t, c)
        head_key = _key(m.group(0))
        if head_key in ("thường trực", "thường vụ") and \
                _ends_with_word(_prev_words(t, c.start), lx.title_words + ("Phó Bí thư", "Ủy viên", "ủy viên")):
            pos = c.head_end                     # 'Phó Bí thư Thường trực Huyện ủy': a title word
            continue
        if _is_class(lx, t, c, prev_class_end):
            prev_class_end = c.end
            pos = c.end
            continue
        if not (c.bare or c.quals) or (c.lower and not c.named) or (c.lowunit and not _unit_ok(t, c)):
            pos = c.head_end
            continue
        surf = text[c.start:c.end]
        out.append(Span("ORG", c.start, c.end, {"kind": c.kind, "expansion": _expansion(lx, surf)}))
        heads.append(_key(t[c.start:c.end]))
        pos = c.end
        a = _alias(lx, t, c.start, c.end)
        if a is not None:
            out.append(Span("ORG", a.start(1), a.end(1), {"kind": c.kind, "expansion": None}))
            heads.append("")
            pos = a.end()
    return _merge_dashed(lx, text, t, out, heads)


_ALIAS_RE = regex.compile(r"[^\S\n]*\([^\S\n]*(\p{Lu}[\p{L}\p{M}\p{N}&.\-]*[\p{L}\p{M}\p{N}](?:[^\S\n]\d{1,3})?)"
                          r"[^\S\n]*\)")


def _alias(lx: _Lex, t: str, start: int, end: int):
    """'Công ty … Hà Nội (Urenco)': an alias in brackets right after a body is its own ORG; not a place ('(Mỹ)')."""
    a = _ALIAS_RE.match(t, end)
    if a is None or a.group(1) in lx.abbr:
        return None                            # a listed abbreviation is found as a head anyway
    letters = regex.sub(r"[^\p{L}]", "", a.group(1)).upper().replace("Đ", "D")
    ini = _initials(regex.sub(r"[^\p{L}\p{M}\s]", " ", t[start:end]))
    if len(letters) < len(ini) and ini.endswith(letters):
        return None                            # '… về phòng chống thiên tai (PCTT)' shortens the topic, not the body
    k = _key(a.group(1))
    if k in lx.gaz or k in lx.places or k in lx.bare_places or regex.fullmatch(r"\p{Lu}\p{Ll}*", a.group(1)) \
            and _ONE_SYLLABLE.fullmatch(k) and len(k) <= 4:
        return None
    return a


def _not_outlet(lx: _Lex, t: str, s: int, e: int) -> bool:
    """A bare outlet name used otherwise: 'đường Thanh Niên', 'Nhựa Thiếu niên Tiền Phong', 'Dân trí là…'."""
    before = _prev_words(t, s)
    if _after_cap_word(t, s) or regex.search(r"(?:[-–]|\b(?:đường|phố))[^\S\n]*$", before):
        return True
    return _is_sentence_start(t, s) and bool(regex.match(r"[^\S\n]+(?:là|có|của|và|được|cao|thấp)(?![\p{L}])",
                                                         t[e:e + 8]))


def _unit_ok(t: str, c: _Cand) -> bool:
    """'công an huyện', 'ủy ban xã Tân Minh'; not 'công an xã' as a force, 'công an xã, phường, thị trấn'."""
    if not c.quals or regex.match(r"[^\S\n]*,[^\S\n]*(?:xã|phường|thị trấn|huyện|quận|tỉnh)(?![\p{L}])", t[c.end:c.end + 15]):
        return False
    if regex.search(r"(?:lực lượng|các|những|bố trí|xây dựng)[^\S\n]*$", _prev_words(t, c.start)):
        return False
    lv = regex.match(r"[^\S\n]+(\S+(?:[^\S\n]+(?:xã|trấn|phố))?)", t[c.head_end:c.head_end + 20])
    if c.named or t[c.start] in "ủu":         # 'ủy ban phường' is that ward's People's Committee
        return True
    return lv is not None and lv.group(1) in ("tỉnh", "huyện", "quận", "thành phố", "thị xã")


def _starts_with_key(k: str, keys: frozenset) -> bool:
    w = k.split()
    return any(" ".join(w[:n]) in keys for n in range(1, min(len(w), 6) + 1))


def _merge_dashed(lx: _Lex, text: str, t: str, out: list, heads: list) -> list:
    """'Cục Chống tham nhũng - Thanh tra Chính phủ': a department dashed to its parent is one ORG (rulings)."""
    res, hs = [], []
    for s, h in zip(out, heads):
        if res and hs[-1] and h and hs[-1].split()[0] != h.split()[0] \
                and regex.fullmatch(r"[^\S\n]*[-–][^\S\n]*", t[res[-1].end:s.start]) \
                and _starts_with_key(hs[-1], lx.subunits) and _starts_with_key(h, lx.parents):
            prev = res[-1]
            res[-1] = Span("ORG", prev.start, s.end, {"kind": prev.attrs["kind"],
                                                      "expansion": _expansion(lx, text[prev.start:s.end])})
            hs[-1] = h
            continue
        res.append(s)
        hs.append(h)
    return res
