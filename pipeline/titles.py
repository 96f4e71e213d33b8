"""TITLE candidates for the officials family: title-shaped phrases and what follows them.

Why a module of its own: a title is found by the TITLE grammar of
``officials_lexicon`` (HEAD [domain] [modifier] (BODY [name|place] [LEVEL
[place]]){1,3}), but the match needs work the regex cannot do: split the
capitalised run at its end into place + holder ("… tỉnh Đắk Nông Nguyễn
Bốn"), keep a country that qualifies the title ("Thủ tướng Campuchia"), and
later read back the organisation phrase of a title for the officials table.
Titles may be abbreviated ("GĐ Sở TN và MT", "PCT.HĐND tỉnh", "TUV") or short
("Chủ tịch TP", "Bí thư phường Điện Dương"). Which candidate is kept is
decided in ``officials`` (only titles linked to a named holder).
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from .names import (_RE_NAME_SHAPE, _RE_SPACE_DIGIT, _best_split, _foreign_split, _is_place, _known_place, _Name,
                    _tokens)
from .officials_lexicon import _Lex, _lex, fold_tones, name_key

# small patterns used per match, compiled once
_RE_SPACE_LOWER_OR_HYPHEN = regex.compile(r"(?:[ \u00a0]+|-)\p{Ll}")
_RE_RUN_AFTER = regex.compile(r"[ \u00a0]+(\p{Lu}[\p{Ll}\-]+(?:[ \u00a0]\p{Lu}[\p{Ll}\-]+){1,6})(?![\p{L}&])")
_RE_WORD = regex.compile(r"\S+")


# --------------------------------------------------------------------------- titles

@dataclass
class _Title:
    start: int
    end: int
    holder: _Name | None = None
    via: str = ""             # how the holder was found
    name_after: _Name | None = None
    bare: bool = False        # only a head ("Thủ tướng"), no organisation phrase
    head_only: bool = False   # nothing after the head and modifier (a domain counts: "Trưởng ban Tổ chức")
    head_key: str = ""        # folded head ("phó bí thư"); a modifier counts as organisation words
    org_end: int = 0          # where the head (and modifier) ends


def _split_final_run(ct: str, m, lx: _Lex) -> tuple[int, _Name | None]:
    """Split the capitalised run ending a title into place + holder name.

    Why: "Chủ tịch UBND tỉnh Hà Tĩnh Đặng Quốc Khánh" is one regex match; the
    place keeps the title, the trailing family-name run is the holder. After
    a level word or a place-taking body a holder needs 3+ syllables
    ("huyện Lê Chân" is a place, "huyện Lê Văn Hà" a person).
    """
    runs = m.spans("run")
    if not runs or runs[-1][1] != m.end():
        return m.end(), None
    rs, re_ = runs[-1]
    groups = ("level", "body", "ctype", "run", "head", "mod", "dom", "orun", "topic")
    ends = [x[1] for g in groups for x in m.spans(g) if x[1] <= rs]
    prev_end = max(ends) if ends else rs
    after_level = any(x[1] == prev_end for x in m.spans("level"))
    body_end = [x for x in m.spans("body") if x[1] == prev_end]
    kind = lx.body_kind.get(name_key(ct[body_end[0][0]:body_end[0][1]])) if body_end else None
    if any(x[1] == prev_end for x in m.spans("ctype")):
        kind = "open"
    toks = [(rs + a, rs + b) for a, b in _tokens(ct, rs, re_)]
    cut_time = next((i for i in range(2, len(toks)) if ct[toks[i][0]:toks[i][1]] in lx.time_words
                     and _RE_SPACE_DIGIT.match(ct, toks[i][1])), None)
    if cut_time is not None:         # "… Nguyễn Thị Kim Ngân Sáng 27/5": the next sentence began
        toks = toks[:cut_time]
        re_ = toks[-1][1]
    min_len = 3 if (after_level or kind == "place") else 2
    k = _best_split(ct, toks, min_len, first_ok=kind != "open")
    if min_len == 3 and (kind == "place" or _level_is_mapped(ct, m, prev_end)):
        k2 = _two_syllable_holder(ct, toks)
        if k2 is not None and (k is None or (k and not _known_place(ct[toks[0][0]:toks[k - 1][1]]))):
            k = k2                   # "tỉnh Đắk Nông Nguyễn Bốn", not "Đắk | Nông Nguyễn Bốn"
    if k is None and kind == "plain" and not after_level:
        k = _foreign_split(ct, toks)  # "Chủ tịch Quốc hội Esteban Lazo"; never "huyện Đắk Song"
    if k is not None:
        cut = prev_end if k == 0 else toks[k - 1][1]
        return cut, _Name(toks[k][0], toks[-1][1])
    if (len(toks) == 1 and _RE_SPACE_LOWER_OR_HYPHEN.match(ct, re_) and ct[rs:re_].istitle() and re_ - rs > 1
            and not _is_place(ct[rs:re_]) and name_key(ct[rs:re_]) not in lx.gaz):
        return prev_end, None        # "Đảng ủy Cơ quan …": a sentence-case name we cannot delimit
    return re_, None


def _level_is_mapped(ct: str, m, prev_end: int) -> bool:
    """Whether the level word before the final run is one the gazetteer covers (tỉnh … xã, not thôn)."""
    return any(x[1] == prev_end and name_key(ct[x[0]:x[1]]) in _lex().mapped_levels for x in m.spans("level"))


def _two_syllable_holder(ct: str, toks: list[tuple[int, int]]) -> int | None:
    """Index of a two-syllable holder after a level word ("Chủ tịch UBND tỉnh Nguyễn Bốn"), or None.

    Why: "huyện Lê Chân" is a place and "tỉnh Nguyễn Bốn" a person; the
    gazetteer of provinces, districts and communes tells them apart. The
    name must start with a family name and not be a listed division, and
    whatever stands before it must be one.
    """
    lx = _lex()
    if len(toks) < 2:
        return None
    k = len(toks) - 2
    name = ct[toks[k][0]:toks[-1][1]]
    if ct[toks[k][0]:toks[k][1]] not in lx.surnames or not _RE_NAME_SHAPE.fullmatch(name):
        return None
    if _is_place(name) or name_key(name) in lx.gaz or name_key(name) in lx.set_phrase:
        return None
    if k and not _known_place(ct[toks[0][0]:toks[k - 1][1]]):
        return None
    return k


def _title_matches(ct: str, lx: _Lex):
    """``title_re`` matches, non-overlapping, tried only where ``head_re`` finds a head (same result, faster)."""
    last = 0
    for h in lx.head_re.finditer(ct):
        if h.start() < last:
            continue
        m = lx.title_re.match(ct, h.start())
        if m:
            last = m.end()
            yield m


def _title_candidates(ct: str) -> list[_Title]:
    """Every title-shaped phrase, with a holder name glued to its end when there is one."""
    lx = _lex()
    out = []
    for m in _title_matches(ct, lx):
        end, name = _split_final_run(ct, m, lx)
        head_end = max(x[1] for g in ("head", "mod", "dom") for x in m.spans(g))
        t = _Title(m.start(), end, name_after=name, bare=end <= head_end,
                   head_only=end <= max(x[1] for g in ("head", "mod") for x in m.spans(g))
                   and name_key(m.group("head")) not in lx.head_org_words,
                   head_key=name_key(m.group("head")), org_end=m.end("head"))
        last_body = m.spans("body")[-1] if m.spans("body") else None
        plain_end = last_body is not None and last_body[1] == end and lx.body_kind.get(name_key(ct[last_body[0]:last_body[1]])) == "plain"
        if name is None and end == m.end() and (t.bare or plain_end):
            run = _RE_RUN_AFTER.match(ct, end)
            if run:
                rs = run.start(1)
                toks = [(rs + a, rs + b) for a, b in _tokens(ct, rs, run.end(1))]
                cut_at = next((i for i, (a, b) in enumerate(toks) if ct[a:b] in lx.stop), len(toks))
                toks = toks[:cut_at]
                k = _best_split(ct, toks, 2)
                if k is None:
                    k = _foreign_split(ct, toks)
                if k is not None:     # "Chủ tịch Vinatex Trần Quang Nghị", "Thủ tướng Anh Theresa May"
                    if k:
                        t.end = toks[k - 1][1]
                    t.name_after = _Name(toks[k][0], toks[-1][1])
                else:                 # "Thủ tướng Campuchia", "Tổng thống Belarus": the country qualifies the title
                    j = next((j for j in (3, 2, 1) if len(toks) >= j and _is_place(ct[toks[0][0]:toks[j - 1][1]])), 0)
                    if j:
                        t.end = toks[j - 1][1]
        out.append(t)
    return out


def _org_of(title: str) -> str | None:
    """The organisation phrase of a title text ("Trưởng ban Tổ chức Huyện ủy" -> "Ban Tổ chức Huyện ủy")."""
    lx = _lex()
    ct = fold_tones(title)
    m = lx.title_re.match(ct)
    if not m:
        return None
    head = m.group("head")
    cut = None
    words_before = lx.head_org_words.get(name_key(head))
    if words_before is not None:
        ws = list(_RE_WORD.finditer(title, 0, m.end("head")))
        cut = ws[words_before].start() if words_before < len(ws) else None
    elif m.group("dom"):             # "Bộ trưởng Y tế" -> "Bộ Y tế", "Trưởng phòng Nội vụ" -> "Phòng Nội vụ"
        word = "Bộ" if name_key(head) in ("bộ trưởng", "thứ trưởng") else None
        org = title[m.start("dom"):].strip()
        return f"{word} {org}" if word else None
    elif m.spans("body"):
        cut = m.spans("body")[0][0]
    if cut is None:
        return None
    org = title[cut:].strip()
    return org[:1].upper() + org[1:] if org else None
